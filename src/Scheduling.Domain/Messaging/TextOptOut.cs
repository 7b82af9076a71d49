namespace Scheduling.Domain.Messaging;

/// <summary>
/// A mobile number that answered STOP (or a carrier's equivalent): no text goes to it, for any
/// referral, from the moment the reply arrives until it answers START. Kept per number, not per
/// referral, because that is how carriers and providers apply it.
/// </summary>
public sealed class TextOptOut
{
    public const int KeywordMaxLength = 20;

    private TextOptOut()
    {
        PhoneNumber = Keyword = string.Empty;
    }

    public Guid Id { get; private init; }

    /// <summary>E.164 (<see cref="MobileNumbers"/>); unique.</summary>
    public string PhoneNumber { get; private init; }

    public DateTime OptedOutAtUtc { get; private init; }

    /// <summary>The word the patient sent ("STOP"), or what the provider reported.</summary>
    public string Keyword { get; private init; }

    public static TextOptOut Create(string phoneNumber, string keyword, DateTime nowUtc) => new()
    {
        Id = Guid.CreateVersion7(),
        PhoneNumber = phoneNumber,
        Keyword = keyword.Length <= KeywordMaxLength ? keyword : keyword[..KeywordMaxLength],
        OptedOutAtUtc = nowUtc,
    };
}
