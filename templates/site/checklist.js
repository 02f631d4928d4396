// The checklist's script, put inline by checklist.html. It remembers each
// tick in the browser's localStorage under the program's id, the phase,
// the week and the box ("handout-checklist:<program>:<phase>:w<week>:<box
// id>"), never under the page's address or language: the same program
// reached by /programs/x/ or /programs/x/index.html, in English or in
// Spanish, shows the same ticks. Each phase offers every one of its weeks
// (Previous week, Next week), a button that clears the week shown, and a
// date field for the day the patient started the phase: with it the days
// carry their dates, today's column is marked and the week of today opens.
// That date stays in this browser, like the ticks; nothing is sent
// anywhere (the page makes no request). "Print the checklist" prints blank
// boxes; "Print with my ticks" prints them ticked. Without this script
// the page still works: ordinary checkboxes, one week, printed as shown.
(function () {
  "use strict";
  var page = document.querySelector(".ck-page");
  if (!page) { return; }
  var program = page.getAttribute("data-program") || "library";
  // The weeks are chosen on screen: the blank "Week of ____" is for paper.
  page.classList.add("ck-js");
  var lang = document.documentElement.lang || undefined;
  var saved = document.getElementById("ck-saved");
  var storage = null;
  try {
    window.localStorage.setItem("handout-checklist:test", "1");
    window.localStorage.removeItem("handout-checklist:test");
    storage = window.localStorage;
    if (saved) { saved.hidden = false; }
  } catch (e) { /* file:// in some browsers, or private mode: ticks are not kept */ }

  function get(key) {
    try { return storage ? storage.getItem(key) : null; } catch (e) { return null; }
  }
  function put(key, value) {
    try {
      if (!storage) { return; }
      if (value === null) { storage.removeItem(key); } else { storage.setItem(key, value); }
    } catch (e) { /* full or refused: the tick stays on screen only */ }
  }

  // A day as YYYY-MM-DD in local time, and back.
  function parse(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }
  function same(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }
  function plusDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function setUpPhase(web) {
    var phase = web.getAttribute("data-phase");
    var section = web.closest(".ck-phase");
    var weeks = Math.max(1, Number(web.getAttribute("data-weeks")) || 1);
    var label = web.getAttribute("data-week-label");
    var todayWord = web.getAttribute("data-today");
    var boxes = section.querySelectorAll("input.ck-box");
    var heads = section.querySelectorAll(".ck-day-head");
    var cells = section.querySelectorAll(".ck-cell");
    var now = section.querySelector(".ck-week-now");
    var previous = section.querySelector(".ck-prev");
    var next = section.querySelector(".ck-next");
    var start = section.querySelector(".ck-start-input");
    var clear = section.querySelector(".ck-clear-week");
    var startKey = "handout-checklist:" + program + ":" + phase + ":start";
    var week = 1;

    function key(box) {
      return "handout-checklist:" + program + ":" + phase + ":w" + week + ":" + box.id;
    }
    function startDate() { return parse(start.value); }

    function show() {
      Array.prototype.forEach.call(boxes, function (box) { box.checked = get(key(box)) === "1"; });
      now.textContent = label.replace("#", String(week)).replace("%", String(weeks));
      previous.disabled = week <= 1;
      next.disabled = week >= weeks;
      var first = startDate();
      var today = new Date();
      function mark(element, isHead) {
        var day = Number(element.getAttribute("data-day"));
        var date = first ? plusDays(first, (week - 1) * 7 + day - 1) : null;
        var text = date ? date.toLocaleDateString(lang, { weekday: "short", day: "numeric", month: "short" }) : "";
        var isToday = Boolean(date && same(date, today));
        var place = element.querySelector(".ck-date");
        if (place) { place.textContent = text + (isToday ? " (" + todayWord + ")" : ""); }
        element.classList.toggle("ck-today", isToday);
        if (isHead) {
          if (isToday) { element.setAttribute("aria-current", "date"); } else { element.removeAttribute("aria-current"); }
        }
      }
      Array.prototype.forEach.call(heads, function (head) { mark(head, true); });
      Array.prototype.forEach.call(cells, function (cell) { mark(cell, false); });
    }

    // The week holding today, when the start date is known.
    function weekOfToday() {
      var first = startDate();
      if (!first) { return 1; }
      var days = Math.round((new Date().setHours(0, 0, 0, 0) - first.getTime()) / 86400000);
      return Math.min(weeks, Math.max(1, Math.floor(days / 7) + 1));
    }

    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener("change", function () { put(key(box), box.checked ? "1" : null); });
    });
    previous.addEventListener("click", function () { if (week > 1) { week--; show(); } });
    next.addEventListener("click", function () { if (week < weeks) { week++; show(); } });
    start.value = get(startKey) || "";
    start.addEventListener("change", function () {
      put(startKey, parse(start.value) ? start.value : null);
      week = weekOfToday();
      show();
    });
    clear.hidden = false;
    clear.addEventListener("click", function () {
      if (!window.confirm(clear.getAttribute("data-confirm"))) { return; }
      Array.prototype.forEach.call(boxes, function (box) {
        box.checked = false;
        put(key(box), null);
      });
    });
    web.hidden = false;
    week = weekOfToday();
    show();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".ck-web"), setUpPhase);

  var print = document.getElementById("ck-print");
  var printTicks = document.getElementById("ck-print-ticks");
  if (typeof window.print === "function") {
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    if (printTicks) {
      printTicks.hidden = false;
      printTicks.addEventListener("click", function () {
        document.body.classList.add("ck-print-ticks");
        window.print();
      });
      window.addEventListener("afterprint", function () { document.body.classList.remove("ck-print-ticks"); });
    }
  }
}());
