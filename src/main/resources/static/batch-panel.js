// The gallery's batch panels (BatchPanel): the edited request body is posted to POST /losses/{name} and the
// answer shown: value, per-sample losses, and every gradient, matrices as heat maps with each value on
// hover. A refused body shows the problem's detail and fields. Only the service's own endpoint is called.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const CELL = 14;

  function rows(tensor) {
    if (!Array.isArray(tensor)) {
      return [[tensor]];
    }
    return Array.isArray(tensor[0]) ? tensor : [tensor];
  }

  /** A diverging heat map: blue below 0, red above, white at 0, scaled by the largest magnitude. */
  function heatMap(name, tensor) {
    const grid = rows(tensor);
    const width = grid[0].length;
    const largest = Math.max(...grid.flat().map((v) => Math.abs(v)).filter(Number.isFinite), 1e-300);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'heat');
    svg.setAttribute('viewBox', '0 0 ' + width * CELL + ' ' + grid.length * CELL);
    svg.setAttribute('width', String(Math.min(640, Math.max(160, width * CELL))));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'heat map of the gradient for ' + name);
    svg.dataset.values = JSON.stringify(tensor);
    grid.forEach((row, i) => row.forEach((value, j) => {
      const t = Math.max(-1, Math.min(1, value / largest));
      const fade = Math.round(255 * (1 - Math.abs(t)));
      const cell = document.createElementNS(SVG, 'rect');
      cell.setAttribute('x', String(j * CELL));
      cell.setAttribute('y', String(i * CELL));
      cell.setAttribute('width', String(CELL));
      cell.setAttribute('height', String(CELL));
      cell.setAttribute('fill', t >= 0 ? `rgb(255,${fade},${fade})` : `rgb(${fade},${fade},255)`);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = name + '[' + i + '][' + j + '] = ' + value;
      cell.appendChild(title);
      svg.appendChild(cell);
    }));
    return svg;
  }

  function line(label, text, className) {
    const p = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = label + ': ';
    const value = document.createElement('span');
    value.className = className || '';
    value.textContent = text;
    p.append(strong, value);
    return p;
  }

  function show(form, answer) {
    const target = form.querySelector('.answer');
    target.replaceChildren();
    const value = line('value', String(answer.value), 'value');
    value.querySelector('.value').dataset.value = JSON.stringify(answer.value);
    target.appendChild(value);
    if (answer.perSample) {
      target.appendChild(line('per-sample losses', answer.perSample.join(', '), 'numbers'));
    }
    for (const [name, tensor] of Object.entries(answer.gradients || {})) {
      target.appendChild(line('gradient of ' + name, Array.isArray(tensor) ? rows(tensor).length + ' x '
        + rows(tensor)[0].length + ' (hover a cell for its value)' : String(tensor)));
      if (Array.isArray(tensor)) {
        target.appendChild(heatMap(name, tensor));
      }
    }
  }

  async function evaluate(form) {
    const problem = form.querySelector('.problem');
    problem.textContent = '';
    const response = await fetch('/losses/' + encodeURIComponent(form.dataset.loss), {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: form.elements.namedItem('body').value });
    const answer = await response.json();
    if (!response.ok) {
      problem.textContent = window.lossProblemText(answer, 'The batch could not be evaluated');
      form.querySelector('.answer').replaceChildren();
      return;
    }
    show(form, answer);
  }

  document.addEventListener('DOMContentLoaded', () => {
    // /?loss=arcface&evaluate opens that card's batch panel and evaluates its example: a shareable answer.
    const url = new URLSearchParams(location.search);
    const shared = url.has('evaluate') && document.querySelector('form.batch-form[data-loss="' + url.get('loss') + '"]');
    for (const form of document.querySelectorAll('form.batch-form')) {
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        evaluate(form).catch((failure) => {
          form.querySelector('.problem').textContent = 'The request failed: ' + failure.message;
        });
      });
    }
    if (shared) {
      shared.closest('details').open = true;
      evaluate(shared).then(() => shared.scrollIntoView());
    }
  });
})();
