/* The report's charts page: draws each chart's ECharts option (JSON in #kg-charts) with the
   SVG renderer, so titles and labels are text in the reader's fonts, and saves a chart as
   SVG (the drawn SVG) or PNG (the same option drawn once more on a canvas at twice the
   resolution). window.kgCharts exposes the charts for tests: kgCharts.ready, .charts,
   .svg(name) and .png(name) (data: URLs). */
(function () {
  'use strict';
  var options = JSON.parse(document.getElementById('kg-charts').textContent);
  var charts = {};

  function download(url, filename) {
    var a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function svgURL(name) {
    return charts[name].getDataURL({ type: 'svg', excludeComponents: ['toolbox'] });
  }

  function pngURL(name) {
    var source = charts[name].getDom();
    var box = document.createElement('div');
    box.style.cssText = 'position:absolute;left:-10000px;top:0;width:' + source.clientWidth +
      'px;height:' + source.clientHeight + 'px';
    document.body.appendChild(box);
    var canvas = echarts.init(box, null, { renderer: 'canvas', devicePixelRatio: 2 });
    try {
      canvas.setOption(options[name]);
      return canvas.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff', excludeComponents: ['toolbox'] });
    } finally {
      canvas.dispose();
      box.remove();
    }
  }

  function save(name, type) {
    download(type === 'png' ? pngURL(name) : svgURL(name), name + '.' + type);
  }

  Object.keys(options).forEach(function (name) {
    var dom = document.getElementById('ec-' + name);
    var chart = echarts.init(dom, null, { renderer: 'svg' });
    var option = options[name];
    option.toolbox = {
      right: 8, top: 4,
      feature: {
        saveAsImage: { type: 'svg', name: name, title: '保存 SVG / save SVG' },
        myPng: {
          show: true, title: '保存 PNG / save PNG',
          icon: 'path://M3,6 L29,6 L29,26 L3,26 Z M6,23 L13,13 L18,19 L22,15 L27,23 Z',
          onclick: function () { save(name, 'png'); }
        }
      }
    };
    chart.setOption(option);
    charts[name] = chart;
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-save]');
    if (button) save(button.getAttribute('data-chart'), button.getAttribute('data-save'));
  });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (name) { charts[name].resize(); });
  });
  window.kgCharts = { charts: charts, svg: svgURL, png: pngURL, ready: true };
})();
