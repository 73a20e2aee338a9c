// report-probe.js - injected by report.sh into a copy of a report page:
// measures what the browser drew and writes it into the pre#probe, one
// fact per line, for the shell to compare.
document.addEventListener("DOMContentLoaded", function () {
  var out = [], svgs = document.querySelectorAll("svg"), empty = 0;
  svgs.forEach(function (s) {
    var b = s.getBBox();
    if (!(b.width > 0 && b.height > 0)) empty++;
  });
  out.push("svgs " + svgs.length, "empty " + empty);
  out.push("scripts " + document.querySelectorAll("script").length);
  out.push("imgs " + document.querySelectorAll("img").length);
  document.querySelectorAll("tr[data-row]").forEach(function (r) {
    var table = r.closest("table").id, v = [];
    r.querySelectorAll("td[data-v]").forEach(function (td) {
      v.push(td.getAttribute("data-v") + "=" + td.textContent);
    });
    // the retention table is keyed as `stats` prints it: names, task ids
    var key = table == "tally" && !r.querySelector("td.sub") ? r.cells[0].textContent
                                                             : r.getAttribute("data-row");
    out.push("row " + table + " " + key + "|" + v.join("|"));
  });
  document.querySelectorAll("[data-v]").forEach(function (e) {
    if (e.tagName != "TD") out.push("value " + e.getAttribute("data-v") + " " + e.textContent);
  });
  var th = document.querySelector("#board th:nth-child(6)");
  if (th) {	// click "30 days": the rows must come back in ascending order
    th.click();
    var col = [];
    document.querySelectorAll("#board tr[data-row]").forEach(function (r) {
      col.push(+r.cells[5].textContent);
    });
    var sorted = col.every(function (x, i) { return i == 0 || col[i - 1] <= x; });
    out.push("sorted " + (sorted ? 1 : 0) + " " + col.join(","));
  }
  out.push("text " + document.body.textContent.replace(/\s+/g, " "));
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
});
