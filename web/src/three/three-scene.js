// A height-field scene for surfaces over two parameters (loss landscapes): one n x n mesh whose heights and vertex
// colours are rewritten IN PLACE from a Float32Array (geometry allocated once), a descent path with a start marker and
// a ball, axis labels, and orbit controls. It renders on demand only (camera change, new data, resize), at most once
// per animation frame: no loop runs while nothing changes, so an idle page costs nothing and screenshots are quick.
//
// Speed on software WebGL (SwiftShader, 2 cores), the slowest target: the lighting is baked into the vertex colours
// on the CPU whenever the field changes (the light is fixed in the world, so orbiting never changes it) and the mesh
// is drawn with an unlit material, so each pixel costs one colour interpolation. No MSAA at 1x (it doubled a frame).
//
// Several views share ONE WebGL canvas laid over their boxes (createViewRenderer + addView, after three.js's
// "multiple elements" example): each frame draws every view into its own scissored viewport, so the page composites
// and (under software compositing) reads back one canvas, not one per view. Each view has its own scene, camera and
// orbit controls on its own box; onCamera lets a widget link the views' cameras.
//
// This module is the only one that imports three.js; widgets load it with a dynamic import() so the page's first
// paint never waits for the ~850 KB library.
//
// Coordinates: the caller passes unit coordinates u, v, t in [0, 1] (u along a grid row = the first parameter, v
// along a column = the second, t = normalised height). World space: x = 2u - 1, z = 1 - 2v (the second parameter
// grows away from the default camera), y = HEIGHT * t.
import {
  BufferAttribute, BufferGeometry, CanvasTexture, Color, DoubleSide, Float32BufferAttribute, LineBasicMaterial,
  LineSegments, Mesh, MeshBasicMaterial, PerspectiveCamera, Scene, SphereGeometry, Sprite, SpriteMaterial,
  SRGBColorSpace, Vector3, WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { Line2 } from 'three/addons/lines/Line2.js';
import { LineGeometry } from 'three/addons/lines/LineGeometry.js';
import { LineMaterial } from 'three/addons/lines/LineMaterial.js';

const HEIGHT = 0.9; // the tallest point sits 0.9 above the 2 x 2 floor: steep enough to read, flat enough to see over
const HOME = new Vector3(2.3, 2.2, 3.1); // from the near (-v) right (+u) side, ~30 degrees above the floor, far enough
const TARGET = new Vector3(0, 0.2, 0); // that the whole 2 x 2 box and its labels fit at 4:3
const KEY_ANGLE = Math.PI / 18; // 10 degrees per arrow key press
const KEY_ZOOM = 1.15;
const PATH_WIDTH = 3; // CSS px, core of the path
const HALO_WIDTH = 6; // CSS px, dark edge so the path reads on every colour of the map
const LIFT = 0.012; // path and markers float this far above the surface to avoid z-fighting
// Baked light: ambient + diffuse from a fixed direction (up, towards the default camera's side), in linear light.
const LIGHT = new Vector3(0.45, 1, 0.55).normalize();
const AMBIENT = 0.55;
const DIFFUSE = 0.5;

const world = (u, v, t, out) => out.set(2 * u - 1, HEIGHT * t + LIFT, 1 - 2 * v);

function textSprite(text, color, height = 0.11) {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  const font = '600 44px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  context.font = font;
  canvas.width = Math.ceil(context.measureText(text).width) + 16;
  canvas.height = 60;
  context.font = font; // resizing the canvas resets its state
  context.fillStyle = color;
  context.textBaseline = 'middle';
  context.fillText(text, 8, 31);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  const sprite = new Sprite(new SpriteMaterial({ map: texture, transparent: true, depthWrite: false }));
  sprite.userData.baseScale = [(height * canvas.width) / canvas.height, height];
  return sprite;
}

function disposeSprite(sprite) {
  sprite.material.map.dispose();
  sprite.material.dispose();
}

/**
 * One canvas over `host` (position: relative; the canvas is absolutely placed over it and lets pointer events
 * through to the view boxes under it), drawing every added view in its box.
 * @param {HTMLElement} host
 * @returns {{ addView(o): View, requestRender(), render(), frames: number, canvas, dispose() }}
 */
export function createViewRenderer(host) {
  const pixelRatio = Math.min(globalThis.devicePixelRatio || 1, 2);
  // preserveDrawingBuffer: the frame stays readable after compositing (tests read the pixels back), and views not
  // redrawn keep their last picture. alpha: outside the views the canvas is transparent.
  const renderer = new WebGLRenderer({ antialias: false, alpha: true, preserveDrawingBuffer: true,
    powerPreference: 'high-performance' });
  renderer.setPixelRatio(pixelRatio);
  renderer.setScissorTest(true);
  const canvas = renderer.domElement;
  canvas.setAttribute('aria-hidden', 'true'); // each view's box carries its name and text summary
  canvas.className = 'll-view-canvas';
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' });
  host.append(canvas);
  const views = new Set();
  let pending = 0;
  let frames = 0;
  let disposed = false;
  let size = [0, 0];
  // While a view is dragged (orbit controls between 'start' and 'end') or a race runs (setMoving), frames draw the
  // coarse surface; the first frame after draws the full grid again.
  let dragging = 0;
  let animating = false;

  // Frames drawn while the picture moves use 60 % of the resolution (a third of the pixels to fill, copy and
  // composite); the still picture is sharp again.
  const motionRatio = pixelRatio * 0.6;
  let ratio = pixelRatio;
  function fit(moving) {
    const width = Math.max(1, host.clientWidth);
    const height = Math.max(1, host.clientHeight);
    const wanted = moving ? motionRatio : pixelRatio;
    if (width === size[0] && height === size[1] && wanted === ratio) return false;
    size = [width, height];
    ratio = wanted;
    renderer.setPixelRatio(ratio);
    renderer.setSize(width, height); // also sets the canvas's CSS size
    renderer.setScissor(0, 0, width, height);
    renderer.setClearColor(0x000000, 0);
    renderer.clear(); // the gaps between views stay transparent
    return true;
  }

  function render() {
    if (pending) {
      cancelAnimationFrame(pending);
      pending = 0;
    }
    if (disposed) return;
    const moving = dragging > 0 || animating;
    fit(moving);
    const origin = canvas.getBoundingClientRect();
    for (const view of views) view.draw(renderer, origin, size[1], moving);
    frames += 1;
  }
  /** One frame of every view in the next animation frame, however many changes arrive before it. */
  function requestRender() {
    if (!pending && !disposed) pending = requestAnimationFrame(() => { pending = 0; render(); });
  }
  const resizeObserver = new ResizeObserver(() => {
    for (const view of views) view.resize();
    render();
  });
  resizeObserver.observe(host);

  return {
    canvas,
    renderer,
    render,
    requestRender,
    get frames() {
      return frames;
    },
    /** Frames draw the quarter-detail surface while `on` (the race), the full grid after. */
    setMoving(on) {
      animating = Boolean(on);
      requestRender();
    },
    /** A view in `options.container` (see createView); its handle draws through this canvas. */
    addView(options) {
      const made = createView({ ...options, requestRender, render, remove: () => views.delete(made.internal),
        onDrag: (on) => {
          dragging = Math.max(0, dragging + (on ? 1 : -1));
          requestRender();
        } });
      views.add(made.internal);
      resizeObserver.observe(options.container);
      requestRender();
      return made.handle;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (pending) cancelAnimationFrame(pending);
      resizeObserver.disconnect();
      for (const view of [...views]) view.dispose();
      renderer.dispose();
      renderer.forceContextLoss(); // give the context back now, not at garbage collection (browsers cap ~16)
      canvas.remove();
    },
  };
}

/**
 * @param {object} o
 * @param {HTMLElement} o.container  the view's box: it receives the pointer and wheel events; the shared canvas
 *                                   draws over it
 * @param {number} o.gridSize        n: setField takes n * n values, row-major (u along a row)
 * @param {number} o.maxPathPoints   the longest path setPath will get
 * @param {{background: string, text: string, muted: string, path: string, ball: string}} o.theme  CSS colours
 * @param {(pose: {position: number[], target: number[]}) => void} [o.onCamera]  called when the reader moves this
 *   view's camera (not when setCamera moves it), for linking views
 */
function createView({ container, gridSize: n, maxPathPoints, theme, onCamera, onDrag, requestRender, render, remove }) {
  const scene = new Scene();
  const camera = new PerspectiveCamera(40, 1, 0.05, 50);
  camera.position.copy(HOME);
  const controls = new OrbitControls(camera, container);
  controls.target.copy(TARGET);
  controls.enableDamping = false; // damping needs a frame loop; we render only on change
  controls.minDistance = 1.2;
  controls.maxDistance = 8;
  controls.maxPolarAngle = Math.PI * 0.49; // never below the floor
  controls.update();
  // Vertical swipes scroll the page on touch screens (OrbitControls sets 'none'); horizontal drags still rotate.
  container.style.touchAction = 'pan-y';
  // Wheel zoom only once the view has focus (a click or Tab), so scrolling the page past it never zooms.
  controls.enableZoom = false;
  const zoomOn = () => { controls.enableZoom = true; };
  const zoomOff = () => { controls.enableZoom = false; };
  container.addEventListener('focusin', zoomOn);
  container.addEventListener('focusout', zoomOff);

  // ---- the surface: positions, colours, index allocated once; normals computed on the CPU for the baked light ----
  const positions = new Float32Array(n * n * 3);
  const colors = new Float32Array(n * n * 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const k = 3 * (i * n + j);
      positions[k] = (2 * j) / (n - 1) - 1;
      positions[k + 2] = 1 - (2 * i) / (n - 1);
    }
  }
  const IndexArray = n * n > 65536 ? Uint32Array : Uint16Array;
  const index = new IndexArray(6 * (n - 1) * (n - 1));
  let q = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n - 1; j++) {
      const a = i * n + j;
      index.set([a, a + 1, a + n, a + 1, a + n + 1, a + n], q);
      q += 6;
    }
  }
  const surfaceGeometry = new BufferGeometry();
  const positionAttribute = new BufferAttribute(positions, 3);
  const colorAttribute = new BufferAttribute(colors, 3);
  surfaceGeometry.setAttribute('position', positionAttribute);
  surfaceGeometry.setAttribute('color', colorAttribute);
  surfaceGeometry.setIndex(new BufferAttribute(index, 1));
  const surfaceMaterial = new MeshBasicMaterial({ vertexColors: true, side: DoubleSide });
  const surface = new Mesh(surfaceGeometry, surfaceMaterial);
  surface.frustumCulled = false; // the bounds never leave the 2 x HEIGHT x 2 box
  scene.add(surface);
  // The same vertices every other row and column (plus the last), for frames drawn while the picture moves: a
  // quarter of the triangles. Software WebGL spends most of a frame on triangle setup (halving the pixels saved
  // ~35 %, dropping the surface ~80 %), so orbiting and the race draw this one and the still picture the full grid.
  const coarseRows = [];
  for (let i = 0; i < n - 1; i += 2) coarseRows.push(i);
  coarseRows.push(n - 1);
  const m = coarseRows.length;
  const coarseIndex = new IndexArray(6 * (m - 1) * (m - 1));
  q = 0;
  for (let a = 0; a < m - 1; a++) {
    for (let c = 0; c < m - 1; c++) {
      const [i0, i1, j0, j1] = [coarseRows[a], coarseRows[a + 1], coarseRows[c], coarseRows[c + 1]];
      coarseIndex.set([i0 * n + j0, i0 * n + j1, i1 * n + j0, i0 * n + j1, i1 * n + j1, i1 * n + j0], q);
      q += 6;
    }
  }
  const coarseGeometry = new BufferGeometry();
  coarseGeometry.setAttribute('position', positionAttribute);
  coarseGeometry.setAttribute('color', colorAttribute);
  coarseGeometry.setIndex(new BufferAttribute(coarseIndex, 1));
  const coarse = new Mesh(coarseGeometry, surfaceMaterial);
  coarse.frustumCulled = false;
  coarse.visible = false;
  scene.add(coarse);

  // ---- the floor frame and the height axis ---------------------------------------------------------------------
  const frameGeometry = new BufferGeometry();
  frameGeometry.setAttribute('position', new Float32BufferAttribute([
    -1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, -1, 1, 0, -1, -1, 0, -1, -1, 0, -1, -1, 0, 1, // floor square
    -1, 0, -1, -1, HEIGHT, -1, // height axis at the far left corner
  ], 3));
  const frameMaterial = new LineBasicMaterial({ color: new Color(theme.muted) });
  scene.add(new LineSegments(frameGeometry, frameMaterial));

  // ---- the path: fat lines (Line2) over a segment buffer allocated once; a dark halo under a light core --------
  const pathGeometry = new LineGeometry();
  pathGeometry.setPositions(new Float32Array(3 * Math.max(2, maxPathPoints)));
  const segments = pathGeometry.attributes.instanceStart.data; // InstancedInterleavedBuffer: xyz xyz per segment
  pathGeometry.instanceCount = 0;
  const haloMaterial = new LineMaterial({ color: 0x111111, linewidth: HALO_WIDTH, depthTest: false });
  const coreMaterial = new LineMaterial({ color: new Color(theme.path), linewidth: PATH_WIDTH, depthTest: false });
  const halo = new Line2(pathGeometry, haloMaterial);
  const core = new Line2(pathGeometry, coreMaterial);
  for (const [line, order] of [[halo, 10], [core, 11]]) {
    line.frustumCulled = false;
    line.renderOrder = order; // drawn after the surface, without depth test: the whole path stays visible
    scene.add(line);
  }
  // Start: a small white dot. Ball: the loss's colour, larger, where the descent is now.
  const markerGeometry = new SphereGeometry(0.035, 20, 12);
  const startMaterial = new MeshBasicMaterial({ color: 0xffffff, depthTest: false });
  const ballMaterial = new MeshBasicMaterial({ color: new Color(theme.ball), depthTest: false });
  const edgeMaterial = new MeshBasicMaterial({ color: 0x111111, depthTest: false });
  const markers = [[startMaterial, 1], [ballMaterial, 1.6]].map(([material, size]) => {
    const edge = new Mesh(markerGeometry, edgeMaterial);
    edge.scale.setScalar(1.4 * size);
    edge.renderOrder = 12;
    const dot = new Mesh(markerGeometry, material);
    dot.scale.setScalar(1 / 1.4);
    dot.renderOrder = 13;
    edge.add(dot);
    edge.visible = false;
    scene.add(edge);
    return edge;
  });
  const pathPoints = new Float32Array(3 * Math.max(2, maxPathPoints));
  let pathCount = 0;
  const scratch = new Vector3();

  // ---- axis labels ---------------------------------------------------------------------------------------------
  let labels = [];
  let axisText = null;
  let labelScale = 1; // > 1 in narrow views, so labels stay readable (resize sets it)
  function placeLabels() {
    for (const sprite of labels) {
      scene.remove(sprite);
      disposeSprite(sprite);
    }
    labels = [];
    if (!axisText) return;
    const add = (text, x, y, z, color = theme.text, height = 0.12) => {
      const sprite = textSprite(text, color, height);
      sprite.scale.set(sprite.userData.baseScale[0] * labelScale, sprite.userData.baseScale[1] * labelScale, 1);
      sprite.position.set(x, y, z);
      scene.add(sprite);
      labels.push(sprite);
    };
    // Names at the middle of the near and right edges; end values carry the name too ("w = -8"), since every
    // corner of the floor has one end of each axis.
    add(axisText.x, 0, -0.02, 1.2);
    add(axisText.y, 1.22, -0.02, 0);
    add(axisText.z, -1, HEIGHT + 0.1, -1);
    if (axisText.xTicks) {
      add(`${axisText.x} = ${axisText.xTicks[0]}`, -0.8, -0.02, 1.14, theme.muted, 0.1);
      add(`${axisText.x} = ${axisText.xTicks[1]}`, 0.8, -0.02, 1.14, theme.muted, 0.1);
    }
    if (axisText.yTicks) {
      add(`${axisText.y} = ${axisText.yTicks[0]}`, 1.2, -0.02, 0.8, theme.muted, 0.1);
      add(`${axisText.y} = ${axisText.yTicks[1]}`, 1.2, -0.02, -0.8, theme.muted, 0.1);
    }
  }

  function applyTheme() {
    scene.background = new Color(theme.background);
    frameMaterial.color.set(theme.muted);
    coreMaterial.color.set(theme.path);
    ballMaterial.color.set(theme.ball);
    placeLabels();
  }
  applyTheme();

  let disposed = false;
  let box = [0, 0];

  function resize() {
    const width = Math.max(1, container.clientWidth);
    const height = Math.max(1, container.clientHeight);
    if (width === box[0] && height === box[1]) return;
    box = [width, height];
    camera.aspect = width / height;
    // Keep the horizontal field of a 40-degree view at 4:3 on narrower boxes (a square phone view), so the surface
    // never runs off the sides: vertical fov = 2 atan(tan(20 deg) * (4/3) / aspect).
    camera.fov = camera.aspect >= 4 / 3 ? 40 : (360 / Math.PI) * Math.atan((Math.tan(Math.PI / 9) * 4) / 3 / camera.aspect);
    camera.updateProjectionMatrix();
    // Sprites shrink with the view; below ~640 px grow them back, up to 1.8x (a 340 px view gets ~1.8x).
    labelScale = Math.min(1.8, Math.max(1, 640 / width));
    for (const sprite of labels) {
      sprite.scale.set(sprite.userData.baseScale[0] * labelScale, sprite.userData.baseScale[1] * labelScale, 1);
    }
  }

  /** Draws this view into its box's rectangle of the shared canvas (origin: the canvas's client rect). */
  function draw(renderer, origin, canvasHeight, moving) {
    if (disposed) return;
    surface.visible = !moving;
    coarse.visible = moving;
    const rect = container.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1 || container.hidden) return; // hidden (display: none) or collapsed
    resize();
    // Viewport in CSS px from the canvas's bottom-left (three.js applies the pixel ratio), inside the border.
    const left = rect.left - origin.left + container.clientLeft;
    const bottom = canvasHeight - (rect.top - origin.top + container.clientTop) - box[1];
    renderer.setViewport(left, bottom, box[0], box[1]);
    renderer.setScissor(left, bottom, box[0], box[1]);
    renderer.render(scene, camera);
  }
  let linking = false; // true while setCamera moves the camera: not the reader, so no onCamera
  const pose = () => ({ position: camera.position.toArray(), target: controls.target.toArray() });
  const onChange = () => {
    requestRender();
    if (!linking) onCamera?.(pose());
  };
  controls.addEventListener('change', onChange);
  const onStart = () => onDrag(true);
  const onEnd = () => onDrag(false);
  controls.addEventListener('start', onStart);
  controls.addEventListener('end', onEnd);

  function resetView() {
    camera.position.copy(HOME);
    controls.target.copy(TARGET);
    controls.update();
    onCamera?.(pose());
    render(); // update() only fires 'change' when the camera moved
  }

  function showPath(count) {
    const shown = Math.max(0, Math.min(count, pathCount));
    pathGeometry.instanceCount = Math.max(0, shown - 1);
    markers[0].visible = shown > 0;
    markers[1].visible = shown > 0;
    if (shown > 0) {
      markers[0].position.fromArray(pathPoints, 0);
      markers[1].position.fromArray(pathPoints, 3 * (shown - 1));
    }
  }

  resize();

  const internal = { draw, resize, dispose: () => handle.dispose() };
  const handle = {
    scene,

    /**
     * Rewrites heights and colours in place, with the light baked into the colours. values: n * n numbers (read
     * here, not kept). toUnit(value) -> t in [0, 1]; lut: createLut() from colormap.js.
     */
    setField(values, toUnit, lut) {
      const shade = new Float32Array(n * n);
      for (let k = 0; k < n * n; k++) {
        let t = toUnit(values[k]);
        if (!Number.isFinite(t)) t = 1; // an overflowed cell shows as the top of the cliff
        positions[3 * k + 1] = HEIGHT * Math.min(1, Math.max(0, t));
      }
      // Normals by central differences on the grid (world units: cells are 2 / (n - 1) apart), then the light.
      const cell = 2 / (n - 1);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const h = (ii, jj) => positions[3 * (Math.min(n - 1, Math.max(0, ii)) * n + Math.min(n - 1, Math.max(0, jj))) + 1];
          const dx = (h(i, j + 1) - h(i, j - 1)) / (cell * ((j > 0) + (j < n - 1)));
          const dz = -(h(i + 1, j) - h(i - 1, j)) / (cell * ((i > 0) + (i < n - 1))); // z = 1 - 2v: rows run to -z
          // normal of y = f(x, z): (-df/dx, 1, -df/dz), normalised
          const norm = Math.hypot(dx, 1, dz);
          const lambert = Math.max(0, (-dx * LIGHT.x + LIGHT.y - dz * LIGHT.z) / norm);
          shade[i * n + j] = AMBIENT + DIFFUSE * lambert;
        }
      }
      for (let k = 0; k < n * n; k++) {
        const c = 3 * lut.index(positions[3 * k + 1] / HEIGHT);
        const s = shade[k];
        colors[3 * k] = Math.min(1, lut.linear[c] * s);
        colors[3 * k + 1] = Math.min(1, lut.linear[c + 1] * s);
        colors[3 * k + 2] = Math.min(1, lut.linear[c + 2] * s);
      }
      positionAttribute.needsUpdate = true;
      colorAttribute.needsUpdate = true;
      requestRender();
    },

    /** Axis names and end labels: { x, y, z, xTicks?: [lo, hi], yTicks?: [lo, hi] } (plain text). */
    setAxes(text) {
      axisText = text;
      placeLabels();
      requestRender();
    },

    /**
     * The path as unit coordinates: uvt holds count triples (u, v, t), already clamped to [0, 1] by the caller.
     * Writes the segment buffer in place and shows the whole path.
     */
    setPath(uvt, count) {
      pathCount = Math.min(count, maxPathPoints);
      for (let p = 0; p < pathCount; p++) {
        world(uvt[3 * p], uvt[3 * p + 1], uvt[3 * p + 2], scratch).toArray(pathPoints, 3 * p);
      }
      const array = segments.array;
      for (let s = 0; s + 1 < pathCount; s++) {
        array.set(pathPoints.subarray(3 * s, 3 * s + 6), 6 * s);
      }
      segments.needsUpdate = true;
      showPath(pathCount);
      requestRender();
    },

    /** Shows only the first `count` points of the path, the ball on the last: for the descent animation. */
    showPath(count) {
      showPath(count);
      requestRender();
    },

    setTheme(next) {
      Object.assign(theme, next);
      applyTheme();
      requestRender();
    },

    /** Moves this view's camera to another view's pose (no onCamera call). */
    setCamera({ position, target }) {
      linking = true;
      camera.position.fromArray(position);
      controls.target.fromArray(target);
      controls.update();
      linking = false;
      requestRender();
    },

    /** Draws now (every view of the canvas), or in the next animation frame. */
    render,
    requestRender,
    resetView,

    /** Arrow keys rotate, + / - zoom, Home resets. Returns true when the key was used. */
    handleKey(event) {
      switch (event.key) {
        case 'ArrowLeft': controls.rotateLeft(KEY_ANGLE); break;
        case 'ArrowRight': controls.rotateLeft(-KEY_ANGLE); break;
        case 'ArrowUp': controls.rotateUp(KEY_ANGLE); break;
        case 'ArrowDown': controls.rotateUp(-KEY_ANGLE); break;
        // OrbitControls' dollyIn(s) multiplies the distance by s: s < 1 moves closer.
        case '+': case '=': controls.dollyIn(1 / KEY_ZOOM); break;
        case '-': case '_': controls.dollyOut(1 / KEY_ZOOM); break;
        case 'Home': resetView(); return true;
        default: return false;
      }
      return true; // each call ran controls.update(), whose 'change' renders and moves the linked view
    },

    /** Camera azimuth in radians (for tests and the text summary). */
    azimuth() {
      return controls.getAzimuthalAngle();
    },


    dispose() {
      if (disposed) return;
      disposed = true;
      remove();
      controls.removeEventListener('change', onChange);
      controls.removeEventListener('start', onStart);
      controls.removeEventListener('end', onEnd);
      container.removeEventListener('focusin', zoomOn);
      container.removeEventListener('focusout', zoomOff);
      controls.dispose();
      for (const sprite of labels) disposeSprite(sprite);
      for (const thing of [surfaceGeometry, coarseGeometry, surfaceMaterial, frameGeometry, frameMaterial, pathGeometry, haloMaterial,
        coreMaterial, markerGeometry, startMaterial, ballMaterial, edgeMaterial]) thing.dispose();
    },
  };
  return { handle, internal };
}
