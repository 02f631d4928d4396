// Plays an exercise figure's movement when asked: the end panel fades in
// over the start panel and out again, a few times, then the two panels
// stand side by side again; the same button stops it at any time. Nothing
// moves by itself, and the button is not offered to a reader who asked
// for reduced motion. Written inline after the figure, like the site's
// other scripts: the page's policy lets it run by its hash. A figure it
// has already set up is left alone, so two figures on a page are fine.
(function () {
  "use strict";
  var reduce = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  var figures = document.querySelectorAll("[data-figure-motion]");
  Array.prototype.forEach.call(figures, function (figure) {
    var button = figure.querySelector(".figure-play");
    var end = figure.querySelector(".figure-panel-end");
    if (!button || !end || figure.hasAttribute("data-figure-ready")) {
      return;
    }
    figure.setAttribute("data-figure-ready", "");
    function show(playing) {
      figure.classList.toggle("is-playing", playing);
      button.textContent = button.getAttribute(playing ? "data-stop" : "data-play");
    }
    button.addEventListener("click", function () {
      show(!figure.classList.contains("is-playing"));
    });
    end.addEventListener("animationend", function () {
      show(false);
    });
    function offer() {
      var still = reduce !== null && reduce.matches;
      button.hidden = still;
      if (still) {
        show(false);
      }
    }
    offer();
    if (reduce !== null && reduce.addEventListener) {
      reduce.addEventListener("change", offer);
    }
  });
})();
