// A page that comes back with errors moves focus to its error summary, so keyboard and screen
// reader users start from the list of what to fix (each entry links to its field).
document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
    }
});
