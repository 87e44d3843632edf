namespace NzqaSync.Report;

/// <summary>The page's style sheet and script, inlined so the one file works with no network.</summary>
public static partial class ReviewPage
{
    private const string Css = @"
:root{--ink:#1c2833;--muted:#5d6d7e;--line:#d5dbe1;--bg:#f7f9fb}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);background:#fff}
header{padding:20px 28px 10px;border-bottom:4px solid #1565c0;background:var(--bg)}
h1{margin:0 0 4px;font-size:24px}
h2{font-size:17px;margin:0 0 10px}
.meta{margin:0;color:var(--muted)}
main{padding:16px 28px 28px}
.summary{max-width:720px;margin-bottom:18px}
.chart{display:grid;gap:6px}
.bar-row{display:grid;grid-template-columns:110px 1fr 60px;align-items:center;gap:10px;border:1px solid transparent;background:none;padding:3px 6px;border-radius:6px;font:inherit;color:inherit;text-align:left;cursor:pointer}
.bar-row:hover,.bar-row[aria-pressed=true]{border-color:var(--line);background:var(--bg)}
.bar-label{font-weight:600}
.bar{height:18px;background:#eceff1;border-radius:4px;overflow:hidden}
.fill{display:block;height:100%;min-width:3px}
.count{font-variant-numeric:tabular-nums;font-weight:700;text-align:right}
.legend{margin-top:10px;color:var(--muted)}
.legend dl{display:grid;grid-template-columns:110px 1fr;gap:4px 10px;margin:8px 0 0}
.legend dt{font-weight:600;color:var(--ink)}
.legend dd{margin:0}
.controls{display:flex;flex-wrap:wrap;gap:14px 22px;align-items:center;padding:12px 14px;margin:0 0 12px;background:var(--bg);border:1px solid var(--line);border-radius:8px}
.controls label{font-weight:600}
.controls select,.controls input{margin-left:6px;font:inherit;padding:5px 8px;border:1px solid #90a4ae;border-radius:5px}
.controls input{width:260px}
#shown{color:var(--muted)}
.approval{max-width:900px;padding:12px 14px;margin:0 0 14px;border:2px solid #1565c0;border-radius:8px}
.approval p{margin:0 0 8px}
.approval-controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin-top:6px}
.approval-controls input{margin-left:6px;font:inherit;padding:5px 8px;border:1px solid #90a4ae;border-radius:5px;width:240px}
.approval button{font:inherit;padding:5px 12px;border-radius:5px;border:1px solid #1565c0;background:#fff;color:#1565c0;cursor:pointer}
.approval button#download-approval{background:#1565c0;color:#fff}
.approval button[disabled]{opacity:.5;cursor:not-allowed}
.approve{display:block;margin-top:6px;font-size:13px;white-space:nowrap}
table{border-collapse:collapse}
#records{width:100%}
#records>thead>tr>th{position:sticky;top:0;background:#eceff1;text-align:left;padding:8px;border-bottom:2px solid #90a4ae}
#records>tbody>tr>td{padding:8px;border-bottom:1px solid var(--line);vertical-align:top}
#records>tbody>tr[hidden]{display:none}
.badge{display:inline-block;color:#fff;font-weight:700;font-size:13px;padding:2px 8px;border-radius:10px}
.identity-badge{background:#ad1457;margin-top:4px}
#records>tbody>tr.identity-change>td{background:#fdf0f5}
#records>tbody>tr.identity-change>td:first-child{box-shadow:inset 5px 0 0 #ad1457}
.identity-note{margin:0 0 6px;color:#880e4f}
.identity-warning{color:#880e4f;margin:8px 0 0}
.action,.key{color:var(--muted);font-size:13px;margin-top:3px}
.nsn{font-variant-numeric:tabular-nums;white-space:nowrap}
.name{font-weight:600}
.note{margin:0 0 4px;color:var(--muted)}
.problems{margin:0 0 4px;padding-left:18px;color:#b71c1c}
.fields{font-size:14px;margin-top:2px}
.fields th,.fields td{padding:3px 10px 3px 0;text-align:left;vertical-align:top}
.fields thead th{color:var(--muted);font-weight:600;border-bottom:1px solid var(--line)}
.fields tbody th{font-weight:600}
.fields .local{color:#0d47a1}
.fields .nzqa{color:#4e342e}
.none{color:#90a4ae;font-style:italic}
footer{padding:14px 28px;color:var(--muted);font-size:13px;border-top:1px solid var(--line)}
@media print{.controls,.legend,.approval{display:none}#records>thead>tr>th{position:static}header{border-bottom-width:2px}}
";

    private const string Script = @"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#records > tbody > tr'));
  var bars = Array.prototype.slice.call(document.querySelectorAll('.bar-row'));
  var select = document.getElementById('status-filter');
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  function norm(s) { return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim(); }
  function apply() {
    var status = select.value, text = norm(search.value), n = 0;
    rows.forEach(function (r) {
      var ok = (!status || r.getAttribute('data-status') === status) &&
               (!text || norm(r.getAttribute('data-search')).indexOf(text) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = 'Showing ' + n + ' of ' + rows.length + ' records';
    empty.hidden = n > 0;
    bars.forEach(function (b) { b.setAttribute('aria-pressed', b.getAttribute('data-status') === status ? 'true' : 'false'); });
  }
  select.addEventListener('change', apply);
  search.addEventListener('input', apply);
  bars.forEach(function (b) {
    b.addEventListener('click', function () {
      var s = b.getAttribute('data-status');
      select.value = select.value === s ? '' : s;
      apply();
    });
  });
  apply();

  // Approval: the ticked changes, with the fingerprints the module computed, as the approval file (docs/approval.md).
  var boxes = Array.prototype.slice.call(document.querySelectorAll('.approve-box'));
  var signer = document.getElementById('signer');
  var download = document.getElementById('download-approval');
  if (!download) return;
  var ticked = document.getElementById('ticked');
  var approvalStatus = document.getElementById('approval-status');
  function refresh() {
    var n = boxes.filter(function (b) { return b.checked; }).length;
    ticked.textContent = n + ' of ' + boxes.length + ' changes ticked';
    download.disabled = n === 0 || !signer.value.trim();
  }
  boxes.forEach(function (b) { b.addEventListener('change', refresh); });
  signer.addEventListener('input', refresh);
  document.getElementById('tick-shown').addEventListener('click', function () {
    // An identity change is never ticked in bulk: the reviewer ticks each one on its own (as New-NzqaApproval needs -AllowIdentityChange).
    boxes.forEach(function (b) { if (!b.closest('tr').hidden && b.getAttribute('data-identity-change') !== 'true') b.checked = true; });
    refresh();
  });
  document.getElementById('untick-all').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = false; });
    refresh();
  });
  download.addEventListener('click', function () {
    var approved = boxes.filter(function (b) { return b.checked; }).map(function (b) {
      var entry = { kind: b.getAttribute('data-kind'), key: b.getAttribute('data-key'), fingerprint: b.getAttribute('data-fingerprint'),
                    status: b.getAttribute('data-status'), name: b.getAttribute('data-name'), summary: b.getAttribute('data-summary') };
      // As New-NzqaApproval -AllowIdentityChange writes it (ApprovalFile.EntryFor).
      if (b.getAttribute('data-identity-change') === 'true') entry.identityChange = true;
      return entry;
    });
    var identity = approved.filter(function (a) { return a.identityChange; }).length;
    var file = { format: 'nzqasync-approval/1', signedBy: signer.value.trim(), signedAt: new Date().toISOString(),
                 source: 'review page: ' + document.title, approved: approved };
    var blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'approval.json';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    approvalStatus.textContent = 'Downloaded approval.json: ' + approved.length + ' changes approved by ' + file.signedBy + '.' +
      (identity ? ' ' + identity + (identity === 1 ? ' is an identity change' : ' are identity changes') +
                  ', sent only by Sync-NzqaLearner -ApprovalPath approval.json -AllowIdentityChange.' : '');
  });
  refresh();
})();
";
}
