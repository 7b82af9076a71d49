namespace Scheduling.Infrastructure.Messaging;

/// <summary>Configuration section "Email".</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public const int FromNameMaxLength = 120;
    public const int FromAddressMaxLength = 254;

    public string FromAddress { get; set; } = "no-reply@clinic.test";

    /// <summary>The sender's name; empty means the clinic's name, so the two never disagree.</summary>
    public string FromName { get; set; } = string.Empty;

    /// <summary>Right-hand side of generated Message-IDs.</summary>
    public string MessageIdDomain { get; set; } = "tace-scheduling.local";

    /// <summary>Where .eml files go when no SMTP host is set; relative paths are under the data folder.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Outbox retry delays in seconds; the number of entries + 1 is the number of attempts. Null means
    /// the defaults (1 min, 5 min, 15 min, 1 h, 4 h). No initializer: configuration binding would
    /// append to it instead of replacing it.
    /// </summary>
    public int[]? RetryDelaysSeconds { get; set; }

    /// <summary>How long one worker's claim on a message lasts before another may take it over.</summary>
    public int ClaimTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Production refuses to start without an SMTP host (patients would get nothing); a clinic that
    /// really wants .eml files (picked up by another system) says so here.
    /// </summary>
    public bool AllowPickupFolderInProduction { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IReadOnlyList<TimeSpan> RetryDelays =>
        (RetryDelaysSeconds is { Length: > 0 } configured ? configured : DefaultRetryDelaysSeconds).Select(s => TimeSpan.FromSeconds(s)).ToArray();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!MimeKit.MailboxAddress.TryParse(FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"Email:FromAddress must be an email address (is '{FromAddress}').");
        }

        if ((FromName ?? string.Empty).Length > FromNameMaxLength || (FromName ?? string.Empty).Any(char.IsControl))
        {
            problems.Add($"Email:FromName must be one line of at most {FromNameMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(MessageIdDomain) || MessageIdDomain.Any(char.IsWhiteSpace) || MessageIdDomain.Contains('@', StringComparison.Ordinal))
        {
            problems.Add("Email:MessageIdDomain must be a domain name without spaces or '@'.");
        }

        if (string.IsNullOrWhiteSpace(PickupFolder))
        {
            problems.Add("Email:PickupFolder must be a folder path.");
        }

        if (Smtp.Port is < 1 or > 65535)
        {
            problems.Add($"Email:Smtp:Port must be between 1 and 65535 (is {Smtp.Port}).");
        }

        if (Smtp.TimeoutSeconds is < 1 or > 600)
        {
            problems.Add($"Email:Smtp:TimeoutSeconds must be between 1 and 600 (is {Smtp.TimeoutSeconds}).");
        }

        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
        {
            problems.Add("Email:Smtp:UserName and Email:Smtp:Password must be set together.");
        }

        if (ClaimTimeoutSeconds is < 10 or > 3600)
        {
            problems.Add($"Email:ClaimTimeoutSeconds must be between 10 and 3600 (is {ClaimTimeoutSeconds}).");
        }

        if (RetryDelaysSeconds is { } delays && delays.Any(d => d < 1))
        {
            problems.Add("Email:RetryDelaysSeconds must all be at least 1 second.");
        }

        return problems;
    }

    private static readonly int[] DefaultRetryDelaysSeconds = [60, 300, 900, 3600, 14400];
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when available on the port (587); implicit TLS on 465. False only for a local catcher.</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}
