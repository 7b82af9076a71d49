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

    /// <summary>The language this text is for.</summary>
    public string Language { get; set; } = PatientLanguages.English;

    /// <summary>The languages this kind is written in (one tab each).</summary>
    public IReadOnlyList<string> Languages { get; set; } = [PatientLanguages.English];

    /// <summary>This language has no text of its own: patients get the English, which the form starts from.</summary>
    public bool FallsBackToEnglish { get; set; }

    public MessageChannel Channel { get; set; }

    public bool HasSubject => Audience != MessageAudience.Fragment && Channel == MessageChannel.Email;

    public string? PreviewSubject { get; set; }

    public string? PreviewBody { get; set; }
}
