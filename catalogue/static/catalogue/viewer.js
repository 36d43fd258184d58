/* The deep-zoom viewer of a record's images (OpenSeadragon over the IIIF level-0 tiles).
 *
 * The page works without this script: it shows a display-size <img> and a gallery of
 * thumbnails linking to display sizes. Here each `.viewer` becomes one OpenSeadragon viewer
 * whose pages are the images of the gallery links (`.gallery__link[data-info]`: the record's
 * images, then each copy's), in the order of the page. The buttons and their names come
 * from the template, so they are translated; they are real <button>s. With the image focused,
 * OpenSeadragon's keys work: + and - zoom, the arrows pan, 0 resets the view.
 */
(function () {
  "use strict";

  function pagesOf(viewer) {
    var links = Array.prototype.slice.call(document.querySelectorAll(".gallery__link[data-info]"));
    if (links.length === 0) {
      return [{info: viewer.dataset.info, alt: viewer.dataset.alt || "", caption: "", group: ""}];
    }
    return links.map(function (link) {
      var image = link.querySelector("img");
      var gallery = link.closest(".gallery");
      return {
        link: link,
        info: link.dataset.info,
        alt: image ? image.alt : "",
        caption: link.dataset.caption || "",
        group: (gallery && gallery.dataset.group) || ""
      };
    });
  }

  function pageLabel(format, index, pages) {
    var text = format.replace("{page}", index + 1).replace("{total}", pages.length);
    return pages[index].group ? text + " · " + pages[index].group : text;
  }

  function mount(figure) {
    var pages = pagesOf(figure);
    var controls = figure.querySelector(".viewer__controls");
    var fallback = figure.querySelector(".viewer__image");
    var caption = figure.querySelector(".viewer__caption");
    var status = figure.querySelector(".viewer__page");
    var help = figure.querySelector(".viewer__help");
    var stage = document.createElement("div");
    stage.className = "viewer__stage";
    figure.insertBefore(stage, fallback);

    var viewer = OpenSeadragon({
      element: stage,
      tileSources: pages.map(function (page) { return page.info; }),
      sequenceMode: pages.length > 1,
      // Our own buttons, so no image sprites and no OpenSeadragon controls.
      showNavigationControl: false,
      showSequenceControl: false,
      showReferenceStrip: false,
      showNavigator: false,
      visibilityRatio: 1,
      gestureSettingsMouse: {clickToZoom: false}
    });

    var current = 0;
    var button = function (action) {
      return controls.querySelector('[data-action="' + action + '"]');
    };

    function show(index) {
      current = index;
      var page = pages[index];
      viewer.canvas.setAttribute("aria-label", page.alt);
      if (caption) {
        caption.textContent = page.caption;
        caption.hidden = !page.caption;
      }
      if (status) {
        status.textContent = pageLabel(figure.dataset.pageFormat || "{page} / {total}", index, pages);
      }
      var previous = button("previous");
      var next = button("next");
      if (previous) { previous.setAttribute("aria-disabled", String(index === 0)); }
      if (next) { next.setAttribute("aria-disabled", String(index === pages.length - 1)); }
    }

    function go(index) {
      if (index >= 0 && index < pages.length && index !== current) {
        viewer.goToPage(index);
      }
    }

    var actions = {
      "zoom-in": function () { viewer.viewport.zoomBy(viewer.zoomPerClick); viewer.viewport.applyConstraints(); },
      "zoom-out": function () { viewer.viewport.zoomBy(1 / viewer.zoomPerClick); viewer.viewport.applyConstraints(); },
      "home": function () { viewer.viewport.goHome(); },
      "previous": function () { go(current - 1); },
      "next": function () { go(current + 1); },
      "full-screen": function () {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else {
          figure.requestFullscreen();
        }
      }
    };

    controls.addEventListener("click", function (event) {
      var target = event.target.closest("[data-action]");
      if (target && target.getAttribute("aria-disabled") !== "true" && actions[target.dataset.action]) {
        actions[target.dataset.action]();
      }
    });
    document.addEventListener("fullscreenchange", function () {
      var full = button("full-screen");
      if (full) { full.setAttribute("aria-pressed", String(document.fullscreenElement === figure)); }
    });

    // A thumbnail shows its image in the viewer instead of opening the display size.
    pages.forEach(function (page, index) {
      if (!page.link) { return; }
      page.link.addEventListener("click", function (event) {
        event.preventDefault();
        go(index);
        figure.scrollIntoView({block: "nearest"});
        viewer.canvas.focus();
      });
    });

    viewer.addHandler("page", function (event) { show(event.page); });
    viewer.addHandler("open", function () {
      fallback.hidden = true;
    });
    viewer.addHandler("open-failed", function () {
      // The plain image stays: better than an empty frame.
      stage.hidden = true;
      fallback.hidden = false;
    });

    viewer.canvas.setAttribute("role", "application");
    if (help) {
      help.hidden = false;
      viewer.canvas.setAttribute("aria-describedby", help.id);
    }
    if (!document.fullscreenEnabled && button("full-screen")) {
      button("full-screen").hidden = true;
    }
    if (pages.length < 2) {
      ["previous", "next"].forEach(function (action) {
        if (button(action)) { button(action).hidden = true; }
      });
      if (status) { status.hidden = true; }
    }
    controls.hidden = false;
    figure.classList.add("viewer--mounted");
    show(0);
  }

  if (typeof OpenSeadragon === "function") {
    Array.prototype.forEach.call(document.querySelectorAll(".viewer[data-info]"), mount);
  }
}());
