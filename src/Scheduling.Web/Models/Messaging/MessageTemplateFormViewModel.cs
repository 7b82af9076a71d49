using System.ComponentModel.DataAnnotations;

using Scheduling.Domain.Messaging;

namespace Scheduling.Web.Models.Messaging;

public sealed class MessageTemplateFormViewModel
{
    public string Kind { get; set; } = string.Empty;

    [Display(Name = "Subject line")]
    public string? Subject { get; set; }

    [Display(Name = "Message text")]
    public string? Body { get; set; }

    public MessageAudience Audience { get; set; }

    public IReadOnlyList<string> Placeholders { get; set; } = [];

    public bool IsCustomized { get; set; }

    public string? PreviewSubject { get; set; }

    public string? PreviewBody { get; set; }
}
