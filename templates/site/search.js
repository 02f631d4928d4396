// The site's search, put inline by search.html: filters the list of
// every exercise on the search page as the reader types. The list is the
// index (each item's data-search holds its words), so the search loads no
// other file and works from file://, under any path, and offline; without JavaScript the page still
// lists every exercise. Every word typed must appear in an item, whatever
// its case and accents: both sides are folded the same way (Unicode
// decomposition, then the combining marks dropped), so "musculos" finds
// "músculos" in every language, not only in those an ASCII table knows.
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !box || !list || !status) {
    return;
  }
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  var items = Array.prototype.slice.call(list.children);
  var texts = items.map(function (item) {
    return fold(item.getAttribute("data-search") || item.textContent);
  });
  var all = status.textContent;

  function filter() {
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var text = texts[i];
      var hit = words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      items[i].hidden = !hit;
      if (hit) {
        shown++;
      }
    }
    if (words.length === 0) {
      status.textContent = all;
    } else if (shown === 0) {
      status.textContent = status.getAttribute("data-none");
    } else if (shown === 1) {
      status.textContent = status.getAttribute("data-one");
    } else {
      // The page's words for many, with # where the number goes.
      status.textContent = status.getAttribute("data-many").replace("#", String(shown));
    }
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });
  box.addEventListener("input", filter);
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    box.value = asked;
    filter();
  }
})();
