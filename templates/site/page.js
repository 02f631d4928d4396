// What every page of the site does with a script, put inline by
// base.html. On a narrow screen the navigation folds behind a Menu button
// (a disclosure: the button says whether it is open, Escape closes it and
// gives the focus back); without this script, or on a wide screen, the
// navigation shows as it is. A print button ([data-print]) prints the
// page; without the script it stays hidden.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("site-nav");
  if (header && button && nav) {
    button.hidden = false;
    header.classList.add("menu-ready");
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      header.classList.toggle("menu-open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }
  if (typeof window.print === "function") {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    });
  }
}());
