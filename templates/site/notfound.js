// The 404 page's script, put inline by 404.html. A server shows the 404
// page at whatever address was asked for (/sub/site/exercises/old-name/),
// so its links, written from the site's root, may point nowhere. This
// finds the site's root by looking for its icon (favicon.svg, at the root
// of the site and of each language) in the folder of the address asked
// for and each folder above it, keeps the deepest folder that has it, and
// rewrites the page's links and images to start there. It works from
// file://, under any sub-path and on a host other than base_url's; the
// page's styles are inline, so it looks right before this runs, and
// without this script its links are those of the site's root.
(function () {
  "use strict";
  var data = document.getElementById("not-found-root");
  if (!data) { return; }
  // The links as written start with this (base_url, or "" for relative).
  var written = data.getAttribute("data-written-root") || "";
  // This language's folder ("" or "es/") and every language's.
  var folder = data.getAttribute("data-folder") || "";
  var folders = (data.getAttribute("data-folders") || "").split(" ").filter(Boolean);

  function fromRoot(value) {
    if (written) {
      return value.indexOf(written) === 0 ? value.slice(written.length) : null;
    }
    if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(value)) { return null; }
    return value;
  }

  function rewrite(siteRoot) {
    var base = siteRoot + folder;
    var pairs = [["a", "href"], ["img", "src"], ["link", "href"]];
    pairs.forEach(function (pair) {
      var found = document.querySelectorAll(pair[0] + "[" + pair[1] + "]");
      Array.prototype.forEach.call(found, function (element) {
        var rest = fromRoot(element.getAttribute(pair[1]));
        if (rest === null) { return; }
        // A language's link leaves this language's folder ("../" first).
        element.setAttribute(pair[1], new URL(rest, base).href);
      });
    });
  }

  // The folders from the asked-for address's own up to the host's root.
  var here = new URL(".", window.location.href);
  var candidates = [];
  for (var url = here; ; url = new URL("..", url)) {
    candidates.push(url.href);
    if (new URL("..", url).href === url.href) { break; }
  }
  var answers = candidates.map(function () { return null; });
  var settled = 0;
  function done() {
    for (var i = 0; i < answers.length; i++) {
      if (answers[i] === null) { return; }
      if (answers[i]) {
        var root = candidates[i];
        // The icon found may be a language's: its folder is not the root.
        folders.forEach(function (f) {
          if (root.slice(-f.length) === f) { root = root.slice(0, -f.length); }
        });
        rewrite(root);
        return;
      }
    }
  }
  candidates.forEach(function (candidate, i) {
    var probe = new Image();
    probe.onload = function () { answers[i] = true; settled++; done(); };
    probe.onerror = function () { answers[i] = false; settled++; done(); };
    probe.src = candidate + "favicon.svg";
  });
}());
