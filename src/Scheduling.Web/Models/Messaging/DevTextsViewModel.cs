using Scheduling.Infrastructure.Messaging.Sms;

namespace Scheduling.Web.Models.Messaging;

/// <summary>The texts the fake gateway received, newest first, and the answer to the last reply sent from the page.</summary>
public sealed record DevTextsViewModel(IReadOnlyList<FakeText> Texts, string? LastAnswer);

/// <summary>A reply typed on the page, as if from the patient's phone.</summary>
public sealed class DevTextReplyForm
{
    public string? From { get; set; }

    public string? Body { get; set; }
}
