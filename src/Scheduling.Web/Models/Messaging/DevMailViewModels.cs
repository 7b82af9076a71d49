namespace Scheduling.Web.Models.Messaging;

public sealed record DevMailRow(string FileName, DateTimeOffset Date, string To, string Subject, IReadOnlyList<string> Links);

public sealed record DevMailMessage(string FileName, DateTimeOffset Date, string To, string Subject, string TextBody, IReadOnlyList<string> Attachments);
