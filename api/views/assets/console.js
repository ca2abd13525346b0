// The one script of our own: draws the orders-per-hour chart (uPlot) from the data the page carries.
// Without it the same numbers are in the table under the chart.
(function () {
  var el = document.getElementById('orders-chart');
  if (!el || !window.uPlot) return;
  var data = JSON.parse(el.getAttribute('data-chart'));
  var width = Math.max(280, el.clientWidth);
  new window.uPlot(
    {
      width: width,
      height: 180,
      legend: { show: false },
      scales: { x: { time: true } },
      axes: [{}, { size: 40 }],
      series: [{}, { label: 'Orders', stroke: '#1f4fd1', fill: 'rgba(31,79,209,0.15)', width: 2, paths: window.uPlot.paths.bars({ size: [0.8] }) }],
    },
    [data.labels, data.orders],
    el,
  );
  el.setAttribute('data-drawn', 'true');
})();
