// Draws the contributor page's weekly chart from the figures the ledger computed (data-weeks); the table beside it
// carries the same figures for readers without scripts or charts.
(function () {
  var canvas = document.getElementById('weekly-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  var weeks = JSON.parse(canvas.getAttribute('data-weeks') || '[]');
  new Chart(canvas, {
    data: {
      labels: weeks.map(function (w) { return w.week; }),
      datasets: [
        { type: 'bar', label: 'Points that week', data: weeks.map(function (w) { return w.points; }), yAxisID: 'y' },
        { type: 'line', label: 'Total', data: weeks.map(function (w) { return w.total; }), yAxisID: 'total',
          pointRadius: 0, tension: 0.2 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { position: 'left', title: { display: true, text: 'points per week' } },
        total: { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'total' } }
      }
    }
  });
  canvas.setAttribute('data-drawn', 'true');
})();
