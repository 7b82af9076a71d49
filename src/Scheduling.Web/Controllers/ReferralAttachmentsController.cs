using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Features.Referrals;

namespace Scheduling.Web.Controllers;

/// <summary>
/// Attachment downloads, open to every signed-in role because doctors and staff both need them:
/// the use case lets through only people who may see the referral (others get 404).
/// </summary>
[Authorize]
[Route("referrals/{id:guid}/attachments/{attachmentId:guid}")]
public sealed class ReferralAttachmentsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Download(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var result = await mediator.Send(new DownloadAttachment.Query(id, attachmentId), ct);
        if (result.Failed(out var error, out var file))
        {
            return this.ErrorPage(error);
        }

        Response.Headers.CacheControl = "no-store";
        return File(file.Content, file.ContentType, file.FileName);
    }
}
