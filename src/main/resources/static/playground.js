// The gallery's playground: every loss card's form (PlaygroundControls) drives GET /losses/{name}/curve,
// and the card's plot is redrawn from the answer as a control moves. The setting lives in the URL
// (/?loss=focal&gamma=5), so that it can be shared. Only the service's own endpoints are called.
'use strict';

(function () {
  const WIDTH = 640;
  const HEIGHT = 380;
  const MARGIN = { left: 64, right: 16, top: 16, bottom: 44 };
  const COLORS = ['#1a73e8', '#e8710a', '#188038'];
  const SVG = 'http://www.w3.org/2000/svg';

  /** A problem+json answer as one line: its detail, then each field with what is wrong with it. */
  function problemText(answer, fallback) {
    const fields = (answer.errors || []).map((e) => e.field + ': ' + e.message).join('; ');
    return (answer.detail || answer.title || fallback) + (fields ? ' (' + fields + ')' : '');
  }
  // The batch panels (batch-panel.js, loaded after this script) report their problems the same way.
  window.lossProblemText = problemText;

  function settings(form) {
    const query = new URLSearchParams();
    for (const element of form.elements) {
      if (!element.name || element.dataset.mirror !== undefined) {
        continue;
      }
      // A slider's number field holds the value sent: it may lie beyond the slider's reach.
      const exact = element.type === 'range' ? form.querySelector('input[data-mirror="' + element.name + '"]') : null;
      const value = exact ? exact.value : element.value;
      if (element.type === 'checkbox') {
        if (String(element.checked) !== element.dataset.default) {
          query.set(element.name, String(element.checked));
        }
      } else if (value !== '' && value !== element.dataset.default) {
        query.set(element.name, value);
      }
    }
    return query;
  }

  function curveUrl(form, query) {
    const parameters = new URLSearchParams(query);
    if (form.dataset.second === 'true') {
      parameters.set('secondDerivative', 'true');
    }
    return '/losses/' + encodeURIComponent(form.dataset.loss) + '/curve?' + parameters;
  }

  function element(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) {
      node.setAttribute(key, value);
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function ticks(low, high, count) {
    const span = high - low || 1;
    const raw = span / count;
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
    const values = [];
    for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) {
      values.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return values;
  }

  /** The y range of the finite values, the outer 2 % on each side left out so that a pole does not flatten the rest. */
  function yRange(lines) {
    const finite = lines.flatMap((line) => line.values).filter(Number.isFinite).sort((a, b) => a - b);
    if (finite.length === 0) {
      return [-1, 1];
    }
    const cut = Math.floor(finite.length * 0.02);
    let low = finite[cut];
    let high = finite[finite.length - 1 - cut];
    const pad = (high - low) * 0.05 || Math.max(Math.abs(high), 1) * 0.5;
    return [low - pad, high + pad];
  }

  function plot(svg, legend, curve, lines) {
    const [low, high] = yRange(lines);
    const x0 = curve.x[0];
    const x1 = curve.x[curve.x.length - 1];
    const px = (x) => MARGIN.left + (x - x0) / (x1 - x0) * (WIDTH - MARGIN.left - MARGIN.right);
    const py = (y) => HEIGHT - MARGIN.bottom - (y - low) / (high - low) * (HEIGHT - MARGIN.top - MARGIN.bottom);
    svg.replaceChildren();
    svg.appendChild(element('clipPath', { id: svg.dataset.clip }))
      .appendChild(element('rect', { x: MARGIN.left, y: MARGIN.top,
        width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom }));
    svg.appendChild(element('rect', { class: 'frame', x: MARGIN.left, y: MARGIN.top,
      width: WIDTH - MARGIN.left - MARGIN.right, height: HEIGHT - MARGIN.top - MARGIN.bottom }));
    for (const t of ticks(x0, x1, 6)) {
      svg.appendChild(element('text', { x: px(t), y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle' }, String(+t.toPrecision(4))));
    }
    for (const t of ticks(low, high, 5)) {
      svg.appendChild(element('text', { x: MARGIN.left - 6, y: py(t) + 4, 'text-anchor': 'end' }, String(+t.toPrecision(4))));
    }
    svg.appendChild(element('text', { x: (WIDTH + MARGIN.left) / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, curve.axisLabel));
    legend.replaceChildren();
    lines.forEach((line, index) => {
      let d = '';
      let pen = 'M';
      line.values.forEach((y, i) => {
        if (Number.isFinite(y)) {
          d += pen + px(curve.x[i]).toFixed(2) + ' ' + py(y).toFixed(2) + ' ';
          pen = 'L';
        } else {
          pen = 'M';
        }
      });
      const color = COLORS[index % COLORS.length];
      svg.appendChild(element('path', { class: 'series ' + line.kind, d: d.trim(), stroke: color,
        'clip-path': 'url(#' + svg.dataset.clip + ')', 'data-values': JSON.stringify(line.values) }));
      const key = document.createElement('span');
      const swatch = document.createElement('i');
      swatch.style.borderColor = color;
      key.append(swatch, line.label);
      legend.appendChild(key);
    });
  }

  function draw(form, curve) {
    const losses = [];
    const derivatives = [];
    const targetLogits = [];
    for (const series of curve.series) {
      const prefix = curve.series.length > 1 ? series.name + ': ' : '';
      losses.push({ label: prefix + 'loss', values: series.loss, kind: 'loss' });
      derivatives.push({ label: prefix + 'first derivative', values: series.derivative, kind: 'derivative' });
      if (series.secondDerivative) {
        derivatives.push({ label: prefix + 'second derivative', values: series.secondDerivative, kind: 'second-derivative' });
      }
      if (series.targetLogit) {
        targetLogits.push({ label: prefix + 'target logit f_y after the margin', values: series.targetLogit, kind: 'target-logit' });
      }
    }
    const linesOf = { loss: losses, derivatives: derivatives, 'target-logit': targetLogits };
    for (const svg of form.querySelectorAll('.live-plot')) {
      svg.dataset.clip = form.dataset.loss + '-' + svg.dataset.quantity + '-clip';
      plot(svg, svg.nextElementSibling, curve, linesOf[svg.dataset.quantity]);
    }
    form.querySelector('.live').hidden = false;
    const card = form.closest('.card');
    if (card) {
      card.querySelectorAll('.plots img').forEach((img) => { img.hidden = true; });
    }
  }

  async function redraw(form, share) {
    const query = settings(form);
    const problem = form.querySelector('.problem');
    if (share) {
      const url = new URLSearchParams(query);
      url.set('loss', form.dataset.loss);
      history.replaceState(null, '', '?' + url + '#' + form.dataset.loss);
    }
    const generation = (form.generation || 0) + 1;
    form.generation = generation;
    try {
      const response = await fetch(curveUrl(form, query), { headers: { Accept: 'application/json' } });
      const answer = await response.json();
      if (generation !== form.generation) {
        return;
      }
      if (!response.ok) {
        problem.textContent = problemText(answer, 'The curve could not be computed');
        return;
      }
      problem.textContent = '';
      draw(form, answer);
      form.dataset.drawn = query.toString() || 'defaults';
    } catch (failure) {
      problem.textContent = 'The curve could not be fetched: ' + failure.message;
    }
  }

  function wire(form) {
    let pending;
    const schedule = () => {
      clearTimeout(pending);
      pending = setTimeout(() => redraw(form, true), 80);
    };
    for (const input of form.querySelectorAll('input[type=range]')) {
      const exact = form.querySelector('input[data-mirror="' + input.name + '"]');
      input.addEventListener('input', () => { exact.value = input.value; schedule(); });
      exact.addEventListener('change', () => { input.value = exact.value; schedule(); });
    }
    for (const other of form.querySelectorAll('select, input[type=checkbox]')) {
      other.addEventListener('change', schedule);
    }
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  function applyUrl(forms) {
    const url = new URLSearchParams(location.search);
    const form = forms.find((f) => f.dataset.loss === url.get('loss'));
    if (!form) {
      return null;
    }
    for (const [name, value] of url) {
      const input = form.elements.namedItem(name);
      if (!input || name === 'loss') {
        continue;
      }
      if (input.type === 'checkbox') {
        input.checked = value === 'true';
      } else {
        input.value = value;
        const exact = form.querySelector('input[data-mirror="' + name + '"]');
        if (exact) {
          exact.value = value;
        }
      }
    }
    return form;
  }

  /** The comparison view: /curves.svg for the chosen losses, or for one loss over values of a hyperparameter. */
  function wireComparison(form) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const query = new URLSearchParams();
      if (form.elements.namedItem('mode').value === 'losses') {
        query.set('losses', Array.from(form.elements.namedItem('losses').selectedOptions, (o) => o.value).join(','));
      } else {
        for (const name of ['loss', 'vary', 'values']) {
          query.set(name, form.elements.namedItem(name).value.trim());
        }
      }
      const url = '/curves.svg?' + query;
      const problem = form.querySelector('.problem');
      const response = await fetch(url);
      if (!response.ok) {
        const answer = await response.json();
        problem.textContent = problemText(answer, 'The plot could not be drawn');
        return;
      }
      problem.textContent = '';
      const figure = form.querySelector('.chosen');
      figure.querySelector('img').src = url;
      figure.querySelector('figcaption').textContent = decodeURIComponent(query.toString());
      figure.hidden = false;
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('form.compare').forEach(wireComparison);
    const forms = Array.from(document.querySelectorAll('form.playground'));
    forms.forEach(wire);
    const shared = applyUrl(forms);
    if (shared) {
      redraw(shared, false).then(() => shared.closest('.card').scrollIntoView());
    }
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          if (entry.target !== shared) {
            redraw(entry.target, false);
          }
        }
      }
    }, { rootMargin: '200px' });
    forms.forEach((form) => observer.observe(form));
  });
})();
