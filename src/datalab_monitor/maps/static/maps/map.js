/* Datalab Monitor map: progressive enhancement only. Without this script the markers are
   links with a native title, and the numbered list beside the map does the same job.
   With it: a tooltip (lab name + category) on hover and keyboard focus, the marker and its
   list entry highlighted together, and on the coverage map a click on a municipality asks for
   its nearest data labs. */
(function () {
  "use strict";

  function tooltipFor(container) {
    var tip = document.createElement("div");
    tip.className = "dm-map-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    container.appendChild(tip);
    return tip;
  }

  function place(tip, container, element) {
    var box = element.getBoundingClientRect();
    var outer = container.getBoundingClientRect();
    tip.style.left = box.left - outer.left + box.width / 2 + "px";
    tip.style.top = box.top - outer.top + "px";
    tip.hidden = false;
  }

  function listItems(number) {
    return document.querySelectorAll('.dm-map-lists__labs li[data-lab-number="' + number + '"]');
  }

  function setActive(marker, active) {
    marker.classList.toggle("is-active", active);
    listItems(marker.getAttribute("data-lab-number")).forEach(function (item) {
      item.classList.toggle("is-active", active);
    });
  }

  function enhanceMarkers(svg, container, tip) {
    svg.querySelectorAll(".dm-marker").forEach(function (marker) {
      // The script's tooltip replaces the browser's native one (the <title>).
      marker.querySelectorAll("title").forEach(function (title) { title.remove(); });
      function show() {
        tip.textContent = "";
        var name = document.createElement("strong");
        name.textContent = marker.getAttribute("data-lab-number") + ". " + marker.getAttribute("data-lab-name");
        var category = document.createElement("span");
        category.className = "dm-map-tooltip__category";
        category.textContent = marker.getAttribute("data-category-label");
        tip.appendChild(name);
        tip.appendChild(category);
        place(tip, container, marker.querySelector("circle, rect, polygon") || marker);
        setActive(marker, true);
      }
      function hide() {
        tip.hidden = true;
        setActive(marker, false);
      }
      marker.addEventListener("mouseenter", show);
      marker.addEventListener("mouseleave", hide);
      marker.addEventListener("focusin", show);
      marker.addEventListener("focusout", hide);
    });
    // Hovering an entry of the list highlights its marker.
    document.querySelectorAll(".dm-map-lists__labs li[data-lab-number]").forEach(function (item) {
      var marker = svg.querySelector('.dm-marker[data-lab-number="' + item.getAttribute("data-lab-number") + '"]');
      if (!marker) { return; }
      item.addEventListener("mouseenter", function () { setActive(marker, true); });
      item.addEventListener("mouseleave", function () { setActive(marker, false); });
    });
  }

  function enhanceCoverage(svg, container, tip) {
    var form = document.querySelector(".dm-nearest-form");
    svg.querySelectorAll(".dm-municipalities [data-code]").forEach(function (area) {
      area.addEventListener("mouseenter", function () {
        tip.textContent = area.getAttribute("data-name");
        place(tip, container, area);
        area.classList.add("is-active");
      });
      area.addEventListener("mouseleave", function () {
        tip.hidden = true;
        area.classList.remove("is-active");
      });
      if (form) {
        area.addEventListener("click", function () {
          form.querySelector('input[name="gemeente"]').value = area.getAttribute("data-code");
          form.submit();
        });
      }
    });
  }

  document.querySelectorAll(".dm-map-figure").forEach(function (figure) {
    var container = figure.querySelector(".dm-map-figure__svg");
    var svg = container && container.querySelector("svg.dm-map");
    if (!svg) { return; }
    var tip = tooltipFor(container);
    if (svg.getAttribute("data-mode") === "coverage") {
      enhanceCoverage(svg, container, tip);
    } else {
      enhanceMarkers(svg, container, tip);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { tip.hidden = true; }
    });
  });
})();
