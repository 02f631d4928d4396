// The checklist's script, put inline by checklist.html: remembers each
// tick box in the browser's localStorage (under "handout-checklist:", the
// page's address, ":" and the box's id), and shows the "Print the
// checklist" and "Clear all ticks" buttons, hidden until then. Without it
// the page still works: the boxes are ordinary checkboxes.
(function () {
  "use strict";
  var prefix = "handout-checklist:" + location.pathname + ":";
  var boxes = document.querySelectorAll("input.ck-box");
  var saved = document.getElementById("ck-saved");
  try {
    window.localStorage.setItem(prefix + "test", "1");
    window.localStorage.removeItem(prefix + "test");
    if (saved) { saved.hidden = false; }
  } catch (e) { /* storage unavailable: say nothing about remembering */ }
  function get(key) {
    try { return window.localStorage.getItem(prefix + key); } catch (e) { return null; }
  }
  function set(key, on) {
    try {
      if (on) { window.localStorage.setItem(prefix + key, "1"); }
      else { window.localStorage.removeItem(prefix + key); }
    } catch (e) { /* file:// or private mode: ticks are not kept */ }
  }
  Array.prototype.forEach.call(boxes, function (box) {
    if (get(box.id) === "1") { box.checked = true; }
    box.addEventListener("change", function () { set(box.id, box.checked); });
  });
  var clear = document.getElementById("ck-clear");
  if (clear) {
    clear.hidden = false;
    clear.addEventListener("click", function () {
      if (!window.confirm(clear.getAttribute("data-confirm"))) { return; }
      Array.prototype.forEach.call(boxes, function (box) {
        box.checked = false;
        set(box.id, false);
      });
    });
  }
  var print = document.getElementById("ck-print");
  if (print && typeof window.print === "function") {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
}());
