using System.ComponentModel.DataAnnotations;

using Scheduling.Application.Features.Audit;

namespace Scheduling.Web.Models.Audit;

public sealed class AuditFilterForm
{
    [Display(Name = "Record id")]
    public string? EntityId { get; set; }

    [Display(Name = "User (email)")]
    public string? User { get; set; }

    [Display(Name = "Action")]
    public string? Action { get; set; }

    [Display(Name = "From (clinic date)")]
    [DataType(DataType.Date)]
    public DateOnly? From { get; set; }

    [Display(Name = "To (clinic date)")]
    [DataType(DataType.Date)]
    public DateOnly? To { get; set; }

    public long? Before { get; set; }
}

public sealed record AuditLogViewModel(AuditFilterForm Filter, IReadOnlyList<SearchAuditLog.Row> Rows, long? NextBefore, string ZoneName);
