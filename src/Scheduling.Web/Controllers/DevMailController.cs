using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using MimeKit;

using Scheduling.Infrastructure.Messaging;
using Scheduling.Web.Models.Messaging;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Development only: the emails written to the pickup folder, with their links, so a person trying
/// the app can act as the patient. Returns 404 in every other environment.
/// </summary>
[AllowAnonymous]
[Route("dev/mail")]
public sealed partial class DevMailController(MailPickupFolder folder, IWebHostEnvironment environment) : Controller
{
    private const int MaxListed = 200;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var rows = new List<DevMailRow>();
        if (Directory.Exists(folder.Path))
        {
            var files = new DirectoryInfo(folder.Path).GetFiles("*.eml")
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .Take(MaxListed);
            foreach (var file in files)
            {
                using var message = await MimeMessage.LoadAsync(file.FullName, ct);
                rows.Add(new DevMailRow(file.Name, message.Date, message.To.ToString(), message.Subject ?? "(no subject)", Links(message.TextBody)));
            }
        }

        return View(rows);
    }

    [HttpGet("{fileName}")]
    public async Task<IActionResult> Show(string fileName, CancellationToken ct)
    {
        if (!environment.IsDevelopment() || !SafeFileName().IsMatch(fileName))
        {
            return NotFound();
        }

        var path = Path.Combine(folder.Path, fileName);
        if (!System.IO.File.Exists(path))
        {
            return NotFound();
        }

        using var message = await MimeMessage.LoadAsync(path, ct);
        var attachments = message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.MimeType).ToList();
        return View(new DevMailMessage(fileName, message.Date, message.To.ToString(), message.Subject ?? "(no subject)", message.TextBody ?? string.Empty, attachments));
    }

    private static List<string> Links(string? text) =>
        text is null ? [] : LinkPattern().Matches(text).Select(m => m.Value).Distinct().ToList();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+\.eml$")]
    private static partial Regex SafeFileName();
}
