/* Enhancements for the timeline and the relations graph. The drawings are complete
   without this file: it only adds a year filter to the timeline and, on the graph,
   highlights a node's relations while it is hovered or focused, and focuses the entry a
   copy from another piece links to. No library, nothing loaded from elsewhere. */
(function () {
  "use strict";

  function yearFilter(svg) {
    var bands = svg.querySelectorAll(".tl-band");
    if (!bands.length) return;
    var bar = document.createElement("div");
    bar.className = "dossier-year-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Highlight the facts of one year");
    var label = document.createElement("span");
    label.textContent = "Highlight: ";
    bar.appendChild(label);
    var buttons = [];

    function select(year, pressed) {
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b === pressed ? "true" : "false");
      });
      svg.classList.toggle("is-filtered", year !== null);
      var from = year === null ? "" : year + "-01-01";
      var to = year === null ? "" : year + "-12-31";
      svg.querySelectorAll(".tl-band").forEach(function (band) {
        band.classList.toggle("is-selected", band.getAttribute("data-year") === String(year));
      });
      svg.querySelectorAll(".tl-row").forEach(function (row) {
        var any = false;
        row.querySelectorAll(".tl-mark").forEach(function (mark) {
          // As in the year-by-year drawings, "by … at the latest" counts in the year it names.
          var low = mark.getAttribute("data-low") || mark.getAttribute("data-high");
          var high = mark.getAttribute("data-high") || mark.getAttribute("data-low");
          var shown = year === null || (low <= to && high >= from);
          mark.classList.toggle("is-dimmed", !shown);
          any = any || shown;
        });
        row.classList.toggle("is-dimmed", !any);
      });
    }

    function button(text, year) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button";
      b.textContent = text;
      b.addEventListener("click", function () { select(year, b); });
      buttons.push(b);
      bar.appendChild(b);
      return b;
    }

    var all = button("All years", null);
    all.setAttribute("aria-pressed", "true");
    bands.forEach(function (band) {
      var year = Number(band.getAttribute("data-year"));
      button(String(year), year);
    });
    var figure = svg.closest(".dossier-figure") || svg;
    figure.parentNode.insertBefore(bar, figure);
  }

  function graphHighlight(svg) {
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".g-edge"));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".g-node"));

    function on(id) {
      var near = {};
      near[id] = true;
      edges.forEach(function (e) {
        var hit = e.getAttribute("data-from") === id || e.getAttribute("data-to") === id;
        e.classList.toggle("is-near", hit);
        if (hit) {
          near[e.getAttribute("data-from")] = true;
          near[e.getAttribute("data-to")] = true;
        }
      });
      nodes.forEach(function (n) {
        n.classList.toggle("is-near", near[n.getAttribute("data-node")] === true);
      });
      svg.classList.add("is-focused");
    }

    function off() {
      svg.classList.remove("is-focused");
    }

    nodes.forEach(function (n) {
      var id = n.getAttribute("data-node");
      n.addEventListener("mouseenter", function () { on(id); });
      n.addEventListener("focus", function () { on(id); });
      n.addEventListener("mouseleave", off);
      n.addEventListener("blur", off);
    });
  }

  // A faded copy of an entry drawn in another piece of the graph links to that piece: once
  // there, the entry itself takes the focus, which highlights its relations.
  function followCopy(event) {
    var copy = event.target.closest ? event.target.closest("a.g-copy") : null;
    if (!copy) return;
    var piece = document.getElementById(copy.getAttribute("href").slice(1));
    if (!piece) return;
    var id = copy.getAttribute("data-node");
    var node = Array.prototype.filter.call(piece.querySelectorAll(".g-node"), function (n) {
      return n.getAttribute("data-node") === id && !n.classList.contains("g-copy");
    })[0];
    if (node) window.setTimeout(function () { node.focus(); }, 0);
  }

  function init() {
    document.querySelectorAll("svg.tl-overview").forEach(yearFilter);
    document.querySelectorAll("svg.dossier-graph").forEach(graphHighlight);
    document.addEventListener("click", followCopy);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
