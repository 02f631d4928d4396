// The patient's own page, put inline by my.html. The patient's program is
// in the address's fragment (after #, which a browser never sends to a
// server): this script reads it (the layout of src/view/patient_link.rs),
// checks its CRC-32, and shows that program from the site's own data in
// the page's JSON block (#my-data): the exercises in their phases with
// their doses worded by the catalogue's messages exactly as the PDFs word
// them, today's phase, this week's checklist with ticks kept on this
// device, and the reminders as a calendar file made here. Nothing from the
// fragment is ever written as HTML: text only. A damaged or altered
// fragment shows a plain message.
(function () {
  "use strict";
  var status = document.getElementById("my-status");
  var shown = document.getElementById("my-program");
  var block = document.getElementById("my-data");
  if (!status || !shown || !block) {
    return;
  }
  var data;
  try {
    data = JSON.parse(block.textContent);
  } catch (e) {
    return;
  }
  var plural = new Intl.PluralRules(data.lang);
  var noProgram = status.textContent;

  // ---- Fluent patterns (src/words/script.rs): what Fluent does, for the
  // forms the catalogues use.
  function value(expression, args) {
    if ("var" in expression) {
      return expression["var"] in args ? args[expression["var"]] : expression["var"];
    }
    if ("str" in expression) {
      return expression.str;
    }
    if ("num" in expression) {
      return expression.num;
    }
    if ("msg" in expression) {
      return pattern(data.messages[expression.msg] || [], args);
    }
    if ("select" in expression) {
      var chosen = value(expression.select, args);
      var variants = expression.variants;
      for (var i = 0; i < variants.length; i++) {
        var key = variants[i][0];
        if (typeof key === "number" ? chosen === key : typeof chosen === "number" ? plural.select(chosen) === key : String(chosen) === key) {
          return pattern(variants[i][1], args);
        }
      }
      return pattern(variants[expression["default"]][1], args);
    }
    return "";
  }
  function pattern(items, args) {
    var out = "";
    for (var i = 0; i < items.length; i++) {
      out += typeof items[i] === "string" ? items[i] : String(value(items[i], args));
    }
    return out;
  }
  function say(id, args) {
    return pattern(data.messages[id] || [id], args || {});
  }

  // ---- The dose in sentences, as src/words.rs writes it.
  function doseSentences(dose) {
    var out = [];
    if (dose.hold !== null) {
      out.push(say("dose-hold", { minutes: Math.floor(dose.hold / 60), seconds: dose.hold % 60 }));
    }
    var repeat = dose.alternate && dose.side !== "none" ? "dose-repeat-alternating" : "dose-repeat";
    out.push(say(repeat, { times: dose.repeat, side: dose.side }));
    if (dose.per_day) {
      var args = { min: dose.per_day[0], max: dose.per_day[1] };
      out.push(say(dose.per_day[0] === dose.per_day[1] ? "dose-per-day" : "dose-per-day-range", args));
    }
    return out.join(" ");
  }

  // ---- Days, as whole days since 1970-01-01.
  function civil(days) {
    var d = new Date(days * 86400000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() || 7 };
  }
  function day(days) {
    return say("date-day", civil(days));
  }
  function dayNoYear(days) {
    return say("date-day-no-year", civil(days));
  }
  function ymd(days) {
    var c = civil(days);
    return c.year + (c.month < 10 ? "0" : "") + c.month + (c.day < 10 ? "0" : "") + c.day;
  }
  function today() {
    var now = new Date();
    return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 86400000);
  }
  function windowText(from, until) {
    if (until === null) {
      return say("date-from", { from: day(from) });
    }
    var first = civil(from).year === civil(until).year ? dayNoYear(from) : day(from);
    return say("date-range", { from: first, until: day(until) });
  }

  // ---- The link (src/view/patient_link.rs).
  function crc32(bytes) {
    var crc = -1;
    for (var i = 0; i < bytes.length; i++) {
      crc ^= bytes[i];
      for (var k = 0; k < 8; k++) {
        crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
      }
    }
    return (crc ^ -1) >>> 0;
  }
  function decode(text) {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) {
      return null;
    }
    var binary;
    try {
      binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    } catch (e) {
      return null;
    }
    var bytes = [];
    for (var b = 0; b < binary.length; b++) {
      bytes.push(binary.charCodeAt(b));
    }
    if (bytes.length < 5) {
      return null;
    }
    var n = bytes.length - 4;
    var sum = ((bytes[n] << 24) | (bytes[n + 1] << 16) | (bytes[n + 2] << 8) | bytes[n + 3]) >>> 0;
    if (crc32(bytes.slice(0, n)) !== sum) {
      return null;
    }
    var at = 0;
    function byte() {
      if (at >= n) {
        throw new Error("short");
      }
      return bytes[at++];
    }
    function u32() {
      var v = 0;
      for (var i = 0; i < 4; i++) {
        v = v * 256 + byte();
      }
      return ("0000000" + v.toString(16)).slice(-8);
    }
    function varint() {
      var v = 0;
      for (var shift = 0; shift < 35; shift += 7) {
        var c = byte();
        v += (c & 0x7f) * Math.pow(2, shift);
        if (!(c & 0x80)) {
          return v;
        }
      }
      throw new Error("long");
    }
    try {
      if (byte() !== 1) {
        return null;
      }
      var tag = "";
      for (var l = byte(); l > 0; l--) {
        tag += String.fromCharCode(byte());
      }
      var program = { language: tag, start: varint(), phases: [], hash: ("0000000" + sum.toString(16)).slice(-8) };
      for (var p = varint(); p > 0; p--) {
        var phase = { hash: u32(), from: varint(), exercises: [] };
        var days = varint();
        phase.days = days === 0 ? null : days - 1;
        for (var e = varint(); e > 0; e--) {
          var exercise = { hash: u32() };
          var flags = byte();
          exercise.hold = flags & 1 ? varint() : null;
          exercise.repeat = flags & 2 ? varint() : null;
          exercise.per_day = flags & 4 ? [varint(), varint()] : null;
          exercise.set = !!(flags & 8);
          phase.exercises.push(exercise);
        }
        program.phases.push(phase);
      }
      return at === n ? program : null;
    } catch (e) {
      return null;
    }
  }

  // ---- Elements, their text set as text only.
  function el(name, text, className) {
    var node = document.createElement(name);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  // ---- Ticks, kept on this device under the program's own hash.
  var store = {};
  var storeKey = "";
  function loadTicks() {
    try {
      store = JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {};
    } catch (e) {
      store = {};
    }
  }
  function saveTicks() {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(store));
    } catch (e) {
      // A browser that keeps nothing still lets the boxes be ticked.
    }
  }

  // ---- The reminders, as src/patients/calendar.rs writes them.
  function pick(times, count) {
    if (count >= times.length) {
      return times.slice();
    }
    if (count <= 1) {
      return [times[0]];
    }
    var out = [];
    for (var j = 0; j < count; j++) {
      out.push(times[Math.floor((j * (times.length - 1) * 2 + (count - 1)) / (2 * (count - 1)))]);
    }
    return out;
  }
  function icsText(text) {
    return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
  }
  function fold(line) {
    var out = "";
    var used = 0;
    for (var i = 0; i < line.length; i++) {
      var ch = line.charAt(i);
      var code = line.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff) {
        ch = line.substr(i, 2);
        i++;
      }
      var size = unescape(encodeURIComponent(ch)).length;
      if (used + size > 75) {
        out += "\r\n ";
        used = 1;
      }
      out += ch;
      used += size;
    }
    return out + "\r\n";
  }
  function calendar(program, phases, address) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handout//reminders//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    phases.forEach(function (phase, i) {
      var most = 1;
      phase.rows.forEach(function (row) {
        if (row.dose.per_day) {
          most = Math.max(most, row.dose.per_day[1]);
        }
      });
      var titles = phase.rows.map(function (row) {
        return row.title;
      });
      var description = say("ics-exercises") + " " + titles.join(say("list-and")) + "\n" + say("ics-open", { address: address });
      pick(data.times, most).forEach(function (time, k) {
        lines.push("BEGIN:VEVENT");
        lines.push("UID:" + program.hash + "-" + (i + 1) + "-" + (k + 1) + "@handout");
        lines.push("DTSTAMP:" + ymd(program.start) + "T000000Z");
        lines.push("DTSTART:" + ymd(phase.from) + "T" + time.replace(":", "") + "00");
        lines.push("DURATION:PT15M");
        lines.push(phase.until === null ? "RRULE:FREQ=DAILY" : "RRULE:FREQ=DAILY;COUNT=" + (phase.until - phase.from));
        lines.push("SUMMARY:" + icsText(say("ics-summary", { phase: phase.title })));
        lines.push("DESCRIPTION:" + icsText(description));
        lines.push("URL:" + address);
        lines.push("BEGIN:VALARM");
        lines.push("ACTION:DISPLAY");
        lines.push("DESCRIPTION:" + icsText(say("ics-alarm")));
        lines.push("TRIGGER:PT0M");
        lines.push("END:VALARM");
        lines.push("END:VEVENT");
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("");
  }

  // ---- The page.
  function show(program) {
    var now = today();
    var missing = 0;
    var changed = false;
    var phases = [];
    program.phases.forEach(function (p) {
      var about = data.phases[p.hash];
      var from = program.start + p.from;
      var phase = {
        title: about ? about.title : "",
        url: about ? about.url : null,
        from: from,
        until: p.days === null ? null : from + p.days,
        rows: []
      };
      p.exercises.forEach(function (e) {
        var own = data.exercises[e.hash];
        if (!own) {
          missing++;
          return;
        }
        var dose = {
          hold: e.hold !== null ? e.hold : own.hold,
          repeat: e.repeat !== null ? e.repeat : own.repeat,
          side: own.side,
          alternate: own.alternate,
          per_day: e.per_day || own.per_day
        };
        changed = changed || e.hold !== null || e.repeat !== null || e.per_day !== null;
        phase.rows.push({ hash: e.hash, title: own.title, url: own.url, dose: dose, set: e.set });
      });
      phases.push(phase);
    });
    var current = null;
    phases.forEach(function (phase) {
      if (phase.from <= now && (phase.until === null || now < phase.until)) {
        current = phase;
      }
    });
    var todayLine = document.getElementById("my-today");
    if (current) {
      todayLine.textContent = say("my-today", { phase: current.title });
    } else if (phases.length && now < phases[0].from) {
      todayLine.textContent = say("my-not-started", { from: day(phases[0].from) });
    } else {
      todayLine.textContent = say("my-ended");
    }
    // An exercise's own page gives the library's dose: say which one to
    // follow when this program changed one.
    document.getElementById("my-steps").hidden = !changed;
    if (missing) {
      var note = document.getElementById("my-missing");
      note.textContent = say("my-missing", { count: missing });
      note.hidden = false;
    }
    var list = document.getElementById("my-phases");
    phases.forEach(function (phase, i) {
      var section = el("section", null, "my-phase" + (phase === current ? " my-phase-now" : ""));
      var heading = el("h2");
      heading.id = "my-phase-" + (i + 1);
      section.setAttribute("aria-labelledby", heading.id);
      var link = el("a", phase.title);
      if (phase.url) {
        link.href = data.root + phase.url;
      }
      heading.appendChild(phase.url ? link : document.createTextNode(phase.title));
      if (phase === current) {
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(el("span", say("my-now"), "my-now"));
      }
      section.appendChild(heading);
      var dates = el("p", null, "my-dates");
      dates.appendChild(el("strong", say("label-your-dates")));
      dates.appendChild(document.createTextNode(" " + windowText(phase.from, phase.until)));
      section.appendChild(dates);
      var rows = el("ul", null, "my-exercises");
      phase.rows.forEach(function (row) {
        var item = el("li", null, "my-exercise");
        item.setAttribute("data-exercise", row.hash);
        var title = el("a", row.title, "my-exercise-title");
        title.href = data.root + row.url;
        item.appendChild(title);
        var dose = el("p", null, "my-dose");
        dose.appendChild(el("strong", say("label-how-much")));
        dose.appendChild(document.createTextNode(" "));
        dose.appendChild(el("span", doseSentences(row.dose), "my-dose-text"));
        item.appendChild(dose);
        if (row.set) {
          item.appendChild(el("p", say("handout-set-for-you"), "my-set-for-you"));
        }
        rows.appendChild(item);
      });
      section.appendChild(rows);
      list.appendChild(section);
    });
    week(current || phases[0], now);
    var address = (data.my_url || window.location.href.split("#")[0]) + "#" + window.location.hash.slice(1);
    var file = document.getElementById("my-calendar-file");
    file.href = "data:text/calendar;charset=utf-8," + encodeURIComponent(calendar(program, phases, address));
    status.hidden = true;
    shown.hidden = false;
  }

  function week(phase, now) {
    var days = document.getElementById("my-days");
    if (!phase) {
      return;
    }
    var first = phase.from + 7 * Math.max(0, Math.floor((now - phase.from) / 7));
    for (var d = first; d < first + 7; d++) {
      if (phase.until !== null && d >= phase.until) {
        break;
      }
      var box = el("details", null, "my-day");
      box.open = d === now;
      box.appendChild(el("summary", dayNoYear(d)));
      var rows = el("ul");
      phase.rows.forEach(function (row) {
        var item = el("li");
        item.appendChild(el("span", row.title, "my-day-exercise"));
        var count = row.dose.per_day ? row.dose.per_day[1] : 1;
        var ticks = el("span", null, "my-ticks");
        for (var k = 1; k <= count; k++) {
          var tick = el("input");
          tick.type = "checkbox";
          var id = ymd(d) + "/" + row.hash + "/" + k;
          tick.setAttribute("data-tick", id);
          tick.setAttribute("aria-label", row.title + ": " + say("checklist-box-time", { number: k, count: count }));
          tick.checked = !!store[id];
          tick.addEventListener("change", function (event) {
            var key = event.target.getAttribute("data-tick");
            if (event.target.checked) {
              store[key] = 1;
            } else {
              delete store[key];
            }
            saveTicks();
          });
          ticks.appendChild(tick);
        }
        item.appendChild(ticks);
        rows.appendChild(item);
      });
      box.appendChild(rows);
      days.appendChild(box);
    }
  }

  function start() {
    var fragment = window.location.hash.slice(1);
    while (document.getElementById("my-phases").firstChild) {
      document.getElementById("my-phases").removeChild(document.getElementById("my-phases").firstChild);
    }
    while (document.getElementById("my-days").firstChild) {
      document.getElementById("my-days").removeChild(document.getElementById("my-days").firstChild);
    }
    document.getElementById("my-missing").hidden = true;
    shown.hidden = true;
    status.hidden = false;
    status.textContent = noProgram;
    if (!fragment) {
      return;
    }
    var program = decode(fragment);
    if (!program) {
      status.textContent = status.getAttribute("data-invalid");
      return;
    }
    // The same program in the page's other languages.
    var others = document.querySelectorAll(".language-switcher a");
    for (var i = 0; i < others.length; i++) {
      others[i].href = others[i].href.split("#")[0] + "#" + fragment;
    }
    storeKey = "handout-my-" + program.hash;
    loadTicks();
    show(program);
  }

  window.addEventListener("hashchange", start);
  start();
})();
