// The floor for "input -> next frame": one slider whose input, batched to the next animation frame exactly as
// widget-base.js batches a widget's update, rewrites one SVG path of 200 points and fires 'll-rendered'.
const host = document.getElementById('trivial');
const input = host.querySelector('input');
const path = host.querySelector('path');
let frame = 0;
function render() {
  const shift = Number(input.value);
  let d = '';
  for (let i = 0; i < 200; i++) {
    const x = -8 + (16 * i) / 199;
    const y = 1 / (1 + Math.exp(-(x - shift)));
    d += `${i ? 'L' : 'M'}${(i * 3).toFixed(1)},${(290 - 280 * y).toFixed(1)}`;
  }
  path.setAttribute('d', d);
  host.dispatchEvent(new CustomEvent('ll-rendered'));
}
host.requestUpdate = () => {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    render();
  });
};
input.addEventListener('input', () => host.requestUpdate());
render();
