// What every page of the site does with a script, put inline by
// base.html. On a narrow screen the navigation folds behind a Menu button
// (a disclosure: the button says whether it is open, Escape in the header
// closes it and gives the focus back); without this script, or on a wide screen, the
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
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
  }
  // This runs under the header, before the page's main part is read: its
  // print buttons are found once it has been.
  function printButtons() {
    if (typeof window.print !== "function") { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", printButtons);
  } else {
    printButtons();
  }
}());
