using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;

namespace Scheduling.Web.Controllers;

/// <summary>
/// The text provider's webhooks: the patient's replies (STOP, START, HELP, anything else) and the
/// delivery receipts of our texts. No antiforgery token can come from the provider; instead every
/// request must carry the provider's signature (X-Twilio-Signature: HMAC-SHA1 with the account's auth
/// token over the public URL and the sorted form), checked before anything else: a forged or altered
/// request gets 403 and changes nothing. The answer to a reply is TwiML, in the patient's language.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route("sms")]
public sealed class SmsWebhookController(IMediator mediator, IOptions<SmsOptions> options, TextingPolicy texting, ClinicOptions clinic) : Controller
{
    [HttpPost("inbound")]
    public async Task<IActionResult> Inbound(CancellationToken ct)
    {
        if (await RefusedAsync(ct) is { } refused)
        {
            return refused;
        }

        var form = Request.Form;
        var command = new ReceiveTextReply.Command(form["From"].ToString(), form["Body"].ToString());
        var result = await mediator.Send(command, ct);

        // Two STOPs from one number at the same moment: the second is asked again, when the first is saved.
        if (result.Error is { Kind: ErrorKind.Conflict })
        {
            result = await mediator.Send(command, ct);
        }

        return TwiML(result.Failed(out _, out var answer) ? null : answer);
    }

    [HttpPost("status/{id:guid}")]
    public async Task<IActionResult> Status(Guid id, CancellationToken ct)
    {
        if (await RefusedAsync(ct) is { } refused)
        {
            return refused;
        }

        var form = Request.Form;
        var result = await mediator.Send(new RecordTextDelivery.Command(id, form["MessageSid"].ToString(), form["MessageStatus"].ToString(), form["ErrorCode"].ToString()), ct);
        return result.Error is { Kind: ErrorKind.NotFound } ? NotFound() : NoContent();
    }

    /// <summary>404 when the clinic sends no texts; 403 when the signature does not match; null when the request is the provider's.</summary>
    private async Task<IActionResult?> RefusedAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (!texting.Enabled || string.IsNullOrEmpty(settings.AuthTokenInUse))
        {
            return NotFound();
        }

        if (!Request.HasFormContentType)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = await Request.ReadFormAsync(ct);
        var url = clinic.PublicUrl(Request.Path.Value ?? string.Empty) + Request.QueryString.Value;
        var parameters = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty)));
        return TwilioSignature.IsValid(settings.AuthTokenInUse, url, parameters, Request.Headers[TwilioSignature.Header].ToString())
            ? null
            : StatusCode(StatusCodes.Status403Forbidden);
    }

    private ContentResult TwiML(string? message) => Content(
        message is null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
            : $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{System.Security.SecurityElement.Escape(message)}</Message></Response>",
        "text/xml; charset=utf-8");
}
