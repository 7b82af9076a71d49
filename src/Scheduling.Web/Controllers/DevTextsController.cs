using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Web.Models.Messaging;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Development only: the texts the app sent to the fake gateway (Sms:Provider FakeGateway), with their
/// links, and a form to answer as the patient's phone (STOP, START, HELP...), which the gateway posts,
/// signed, to the app's own webhook. Returns 404 in every other environment.
/// </summary>
[AllowAnonymous]
[Route("dev/texts")]
public sealed partial class DevTextsController(IServiceProvider services, IWebHostEnvironment environment) : Controller
{
    private const int MaxListed = 200;

    [HttpGet("")]
    public IActionResult Index() =>
        Gateway() is { } gateway
            ? View(new DevTextsViewModel(gateway.Texts.Reverse().Take(MaxListed).ToList(), TempData["DevTextAnswer"] as string))
            : NotFound();

    [HttpPost("reply")]
    public async Task<IActionResult> Reply(DevTextReplyForm form, CancellationToken ct)
    {
        if (Gateway() is not { } gateway)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(form.From) || string.IsNullOrWhiteSpace(form.Body))
        {
            TempData["DevTextAnswer"] = "Choose a number and type a reply.";
            return RedirectToAction(nameof(Index));
        }

        var (status, body) = await gateway.ReplyAsync(form.From, form.Body, ct);
        var answer = Answer().Match(body) is { Success: true } m ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value) : "(no answer)";
        TempData["DevTextAnswer"] = $"{(int)status}: {answer}";
        return RedirectToAction(nameof(Index));
    }

    private FakeSmsGateway? Gateway() => environment.IsDevelopment() ? services.GetService<FakeSmsGateway>() : null;

    [GeneratedRegex("<Message>(.*)</Message>", RegexOptions.Singleline)]
    private static partial Regex Answer();
}
