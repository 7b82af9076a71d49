using System.Globalization;

using Hl7.Fhir.Model;

using Mediator;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Integration;

namespace Scheduling.Web.Fhir;

/// <summary>
/// IHE ITI Scheduling over the practice's booking rules: <c>$find</c> (ITI-115) proposes the times a
/// referral's whole case fits (<see cref="FindProposedAppointments"/>), <c>$hold</c> (ITI-116) holds
/// one for the client (<see cref="PlaceHold"/>), <c>$book</c> (ITI-117) books a proposed or held one
/// (<see cref="BookSlot"/>, the web app's use case: the same database rule decides a race) or cancels
/// a booking (<see cref="CancelBooking"/>), and Appointment read and search (ITI-118, GET and POST)
/// list the client's bookings (<see cref="ListAppointmentRecords"/>). Every rule is the use cases';
/// this class reads FHIR parameters and maps records and refusals.
/// </summary>
public sealed class FhirAppointmentsController(IMediator mediator, ClinicTime clinicTime, FhirOptions options) : FhirControllerBase(options)
{
    [HttpPost("Appointment/$find")]
    [Authorize(Policy = SmartScopes.AppointmentRead)]
    public async Task<IActionResult> Find(CancellationToken cancellationToken)
    {
        var (parameters, unreadable) = await FhirJson.ReadAsync<Parameters>(Request, cancellationToken);
        if (unreadable is not null)
        {
            return new FhirResult(unreadable, StatusCodes.Status400BadRequest);
        }

        var (start, startProblem) = Instant(parameters!, "start", endOfDay: false);
        var (end, endProblem) = Instant(parameters!, "end", endOfDay: true);
        var (referralId, referralProblem) = Referral(parameters!);
        var (physicianId, physicianProblem) = Practitioner(parameters!);
        var (count, countProblem) = FindCount(parameters!);
        if ((startProblem ?? endProblem ?? referralProblem ?? physicianProblem ?? countProblem) is { } problem)
        {
            return problem;
        }

        var query = new FindProposedAppointments.Query(referralId, start, end, physicianId, count);
        if ((await mediator.Send(query, cancellationToken)).Failed(out var refused, out var found))
        {
            return Refused(refused);
        }

        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = found.Total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{BaseUrl}/Appointment/$find" });
        foreach (var proposal in found.Page)
        {
            var appointment = AppointmentResources.Proposed(proposal, referralId, physicianId);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{BaseUrl}/Appointment/{appointment.Id}",
                Resource = appointment,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return Ok(bundle);
    }

    [HttpPost("Appointment/$hold")]
    [Authorize(Policy = SmartScopes.AppointmentWrite)]
    public async Task<IActionResult> Hold(CancellationToken cancellationToken)
    {
        var (parameters, unreadable) = await FhirJson.ReadAsync<Parameters>(Request, cancellationToken);
        if (unreadable is not null)
        {
            return new FhirResult(unreadable, StatusCodes.Status400BadRequest);
        }

        var (id, _, problem) = AppointmentOf(parameters!);
        if (problem is not null)
        {
            return problem;
        }

        if (!ProposedAppointmentId.TryDecode(id, out var slotId, out var referralId, out var physicianId))
        {
            return NotProposed(id!, "$hold");
        }

        var hold = new PlaceHold.Command(slotId, referralId, physicianId, TimeSpan.FromMinutes(Options.HoldMinutes), User.Identity?.Name ?? "FHIR client");
        if ((await mediator.Send(hold, cancellationToken)).Failed(out var refused, out var held))
        {
            return Refused(refused);
        }

        return (await mediator.Send(new GetHold.Query(held.HoldId), cancellationToken)).Failed(out var gone, out var view)
            ? Refused(gone)
            : Ok(AppointmentResources.Held(view));
    }

    [HttpPost("Appointment/$book")]
    [Authorize(Policy = SmartScopes.AppointmentWrite)]
    public async Task<IActionResult> Book(CancellationToken cancellationToken)
    {
        var (parameters, unreadable) = await FhirJson.ReadAsync<Parameters>(Request, cancellationToken);
        if (unreadable is not null)
        {
            return new FhirResult(unreadable, StatusCodes.Status400BadRequest);
        }

        var (id, resource, problem) = AppointmentOf(parameters!);
        if (problem is not null)
        {
            return problem;
        }

        if (resource?.Status == Appointment.AppointmentStatus.Cancelled)
        {
            return await CancelAsync(id!, resource, parameters!, cancellationToken);
        }

        BookSlot.Command book;
        if (ProposedAppointmentId.TryDecode(id, out var slotId, out var referralId, out var physicianId))
        {
            book = new BookSlot.Command(referralId, slotId, null, physicianId);
        }
        else if (await HeldAsync(id, cancellationToken) is { ReferralId: { } heldFor } hold)
        {
            book = new BookSlot.Command(heldFor, hold.SlotId, null, hold.PhysicianId, hold.HoldId);
        }
        else
        {
            return NotProposed(id!, "$book");
        }

        if ((await mediator.Send(book, cancellationToken)).Failed(out var refused, out var bookingId))
        {
            return Refused(refused);
        }

        return await BundleOfAsync(bookingId, cancellationToken);
    }

    [HttpGet("Appointment/{id}")]
    [Authorize(Policy = SmartScopes.AppointmentRead)]
    public async Task<IActionResult> Read(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var bookingId)
            || (await mediator.Send(new ListAppointmentRecords.Query(bookingId, null, null, null, null, 0, 1), cancellationToken)).Failed(out _, out var page))
        {
            return Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Appointment/{id} was not found.");
        }

        return Ok(AppointmentResources.Booked(page.Records[0]));
    }

    [HttpGet("Appointment")]
    [Authorize(Policy = SmartScopes.AppointmentRead)]
    public Task<IActionResult> Search(CancellationToken cancellationToken) =>
        SearchAsync(Request.Query.ToDictionary(q => q.Key, q => q.Value), cancellationToken);

    [HttpPost("Appointment/_search")]
    [Authorize(Policy = SmartScopes.AppointmentRead)]
    public async Task<IActionResult> SearchByPost(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
        {
            return Outcomes.Result(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                "POST the search parameters as application/x-www-form-urlencoded.");
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var parameters = Request.Query.ToDictionary(q => q.Key, q => q.Value);
        foreach (var (name, value) in form)
        {
            parameters[name] = parameters.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : value;
        }

        return await SearchAsync(parameters, cancellationToken);
    }

    /// <summary>The search parameters this server takes on Appointment, with what each means (the CapabilityStatement lists them).</summary>
    public static readonly IReadOnlyList<(string Name, SearchParamType Type, string Documentation)> SearchParameters =
    [
        ("_id", SearchParamType.Token, "The appointment (booking) id"),
        ("patient", SearchParamType.Reference, "The referral's patient (Patient/{id})"),
        ("date", SearchParamType.Date, "The appointment's start: eq (default), ge, gt, le, lt with a date (the clinic's day) or a dateTime with its offset; repeat it for a range"),
        ("status", SearchParamType.Token, "booked, fulfilled, cancelled or noshow; several separated by commas"),
    ];

    private async Task<IActionResult> SearchAsync(Dictionary<string, StringValues> parameters, CancellationToken cancellationToken)
    {
        var (offset, count, pagingProblem) = Paging(name => parameters.TryGetValue(name, out var value) ? value.ToString() : null);
        if (pagingProblem is not null)
        {
            return pagingProblem;
        }

        Dictionary<string, string> used = [];
        var noMatch = false;
        Guid? bookingId = null;
        Guid? referralId = null;
        if (parameters.TryGetValue("_id", out var ids))
        {
            used["_id"] = ids.ToString();
            bookingId = Guid.TryParse(ids.ToString(), out var parsed) ? parsed : null;
            noMatch |= bookingId is null;
        }

        if (parameters.TryGetValue("patient", out var patient))
        {
            used["patient"] = patient.ToString();
            referralId = IdFrom(patient, "Patient");
            noMatch |= referralId is null;
        }

        List<BookingStatus>? statuses = null;
        if (parameters.TryGetValue("status", out var status))
        {
            used["status"] = status.ToString();
            statuses = status.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(AppointmentResources.StatusesFor).Distinct().ToList();
            noMatch |= statuses.Count == 0;
        }

        DateTime? from = null;
        DateTime? to = null;
        if (parameters.TryGetValue("date", out var dates))
        {
            used["date"] = dates.ToString();
            foreach (var date in dates)
            {
                if (DateBounds(date) is not { } bounds)
                {
                    return Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value,
                        $"date={date} is not understood: use a prefix (eq, ge, gt, le, lt) and a date (2026-03-10) or a dateTime with its offset (2026-03-10T07:30:00Z).", "date");
                }

                from = bounds.From is { } f && (from is null || f > from) ? f : from;
                to = bounds.To is { } t && (to is null || t < to) ? t : to;
            }
        }

        if (noMatch)
        {
            return Ok(Searchset("Appointment", used, [], 0, offset, count));
        }

        var query = new ListAppointmentRecords.Query(bookingId, referralId, from, to, statuses, offset, count);
        return (await mediator.Send(query, cancellationToken)).Failed(out _, out var page)
            ? Ok(Searchset("Appointment", used, [], 0, offset, count))
            : Ok(Searchset("Appointment", used, page.Records.Select(AppointmentResources.Booked), page.Total, offset, count));
    }

    /// <summary>The hold an id names, when it is one the caller may book (another's is not found).</summary>
    private async Task<GetHold.HoldView?> HeldAsync(string? id, CancellationToken cancellationToken) =>
        !Guid.TryParse(id, out var holdId) || (await mediator.Send(new GetHold.Query(holdId), cancellationToken)).Failed(out _, out var hold)
            ? null
            : hold;

    /// <summary>$book with the booking's Appointment in status cancelled: the booking is cancelled, with the reason it gives.</summary>
    private async Task<IActionResult> CancelAsync(string id, Appointment resource, Parameters parameters, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var bookingId))
        {
            return Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Appointment/{id} is not a booked appointment of yours.", "appointment-resource");
        }

        var reason = resource.CancelationReason?.Text
            ?? resource.CancelationReason?.Coding.FirstOrDefault()?.Display
            ?? (parameters.GetSingleValue<FhirString>("comment")?.Value)
            ?? $"Cancelled by {User.Identity?.Name ?? "the hospital's system"}.";
        if ((await mediator.Send(new CancelBooking.Command(bookingId, reason), cancellationToken)).Error is { } refused)
        {
            return Refused(refused);
        }

        return await BundleOfAsync(bookingId, cancellationToken);
    }

    /// <summary>$book's answer: a Bundle holding the one Appointment as it now stands.</summary>
    private async Task<IActionResult> BundleOfAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new ListAppointmentRecords.Query(bookingId, null, null, null, null, 0, 1), cancellationToken)).Failed(out var gone, out var page))
        {
            return Refused(gone);
        }

        var appointment = AppointmentResources.Booked(page.Records[0]);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = 1 };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{BaseUrl}/Appointment/{appointment.Id}",
            Resource = appointment,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
        });
        return Ok(bundle);
    }

    /// <summary>
    /// A refusal as an OperationOutcome. A referral that can no longer be booked (booked meanwhile by
    /// a parallel call, or not ready) is the state of the record, not bad input: 409, as a lost race.
    /// </summary>
    private static FhirResult Refused(Error error) =>
        Outcomes.FromError(
            error.Kind == ErrorKind.Validation && error.FieldErrors.Count > 0 && error.FieldErrors.Keys.All(k => k == nameof(BookSlot.Command.ReferralId))
                ? error with { Kind = ErrorKind.Conflict }
                : error,
            ExpressionOf);

    private static string? ExpressionOf(string field) => field switch
    {
        nameof(FindProposedAppointments.Query.FromUtc) => "start",
        nameof(FindProposedAppointments.Query.ToUtc) => "end",
        nameof(FindProposedAppointments.Query.Count) => "_count",
        nameof(FindProposedAppointments.Query.ReferralId) => "referral-identifier",
        nameof(FindProposedAppointments.Query.PhysicianId) => "practitioner",
        nameof(BookSlot.Command.SlotId) or nameof(BookSlot.Command.HoldId) => "appointment-reference",
        nameof(CancelBooking.Command.Reason) => "appointment-resource.cancelationReason",
        _ => null,
    };

    private static FhirResult NotProposed(string id, string operation) =>
        Outcomes.Result(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
            $"Appointment/{id} is not an appointment proposed by Appointment/$find{(operation == "$book" ? " or held by Appointment/$hold" : string.Empty)} for you; find again.",
            "appointment-reference");

    /// <summary>The appointment a $hold or $book names: by reference, or the resource itself (with its id).</summary>
    private static (string? Id, Appointment? Resource, FhirResult? Problem) AppointmentOf(Parameters parameters)
    {
        if (parameters.GetSingle("appointment-resource")?.Resource is Appointment resource)
        {
            return string.IsNullOrEmpty(resource.Id)
                ? (null, null, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                    "appointment-resource needs the id of the appointment proposed, held or booked here; new appointments come from Appointment/$find.", "appointment-resource.id"))
                : (resource.Id, resource, null);
        }

        if (parameters.GetSingleValue<ResourceReference>("appointment-reference")?.Reference is { Length: > 0 } reference)
        {
            var at = reference.LastIndexOf("Appointment/", StringComparison.Ordinal);
            return (at >= 0 ? reference[(at + "Appointment/".Length)..] : reference, null, null);
        }

        return (null, null, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
            "Name the appointment: appointment-reference (Appointment/{id} from $find or $hold) or appointment-resource.", "appointment-reference"));
    }

    /// <summary>The referral $find proposes for: referral-identifier (the ServiceRequest's id) or patient-reference (the referral's Patient).</summary>
    private static (Guid Id, FhirResult? Problem) Referral(Parameters parameters)
    {
        var identifier = parameters.GetSingleValue<Identifier>("referral-identifier")?.Value;
        var patient = parameters.GetSingleValue<ResourceReference>("patient-reference")?.Reference;
        Guid? id = identifier is not null ? IdFrom(identifier, "ServiceRequest") : patient is not null ? IdFrom(patient, "Patient") : null;
        return id is { } found
            ? (found, null)
            : (Guid.Empty, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                "Name the referral: referral-identifier (value = the ServiceRequest id this server returned) or patient-reference (Patient/{id}).",
                identifier is null && patient is null ? "referral-identifier" : identifier is not null ? "referral-identifier" : "patient-reference"));
    }

    private static (Guid? Id, FhirResult? Problem) Practitioner(Parameters parameters)
    {
        var reference = parameters.GetSingleValue<ResourceReference>("practitioner")?.Reference;
        if (reference is null)
        {
            return (null, null);
        }

        return IdFrom(reference, "Practitioner") is { } id
            ? (id, null)
            : (null, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value,
                "practitioner must be Practitioner/{id} as named in a proposed appointment.", "practitioner"));
    }

    /// <summary>_count as an operation parameter or in the query string; the page size when neither says.</summary>
    private (int Count, FhirResult? Problem) FindCount(Parameters parameters)
    {
        var max = Math.Min(Options.MaxPageSize, SlotAvailability.MaxCount);
        if (parameters.GetSingleValue<Integer>("_count")?.Value is { } asked)
        {
            return asked < 0
                ? (0, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, "_count must be 0 or more.", "_count"))
                : (Math.Min(asked, max), null);
        }

        var (_, count, problem) = Paging();
        return (Math.Min(count, max), problem);
    }

    /// <summary>
    /// A $find bound as a UTC instant: a dateTime with its offset as given; a date (or a dateTime
    /// with only a date) as the clinic's day, its start for "start" and its end for "end".
    /// </summary>
    private (DateTime Utc, FhirResult? Problem) Instant(Parameters parameters, string name, bool endOfDay)
    {
        var text = parameters.GetSingle(name)?.Value switch
        {
            Date date => date.Value,
            FhirDateTime dateTime => dateTime.Value,
            Instant instant => instant.Value?.ToString("o", CultureInfo.InvariantCulture),
            FhirString s => s.Value,
            _ => null,
        };
        if (text is null)
        {
            return (default, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                $"{name} is required: a date (2026-03-10, the clinic's day) or a dateTime with its offset.", name));
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (clinicTime.ToUtcNotLaterThan(endOfDay ? day.AddDays(1) : day, TimeOnly.MinValue), null);
        }

        return text.Contains('T', StringComparison.Ordinal) && HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? (at.UtcDateTime, null)
            : (default, Outcomes.Result(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value,
                $"{name} must be a date (2026-03-10) or a dateTime with its offset (2026-03-10T07:30:00-04:00).", name));
    }

    /// <summary>One date search value's bounds on the appointment's start ([From, To)); null when it is not understood.</summary>
    private (DateTime? From, DateTime? To)? DateBounds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var prefix = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[..2] : "eq";
        var text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
        DateTime low;
        DateTime high;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            low = clinicTime.ToUtcNotLaterThan(day, TimeOnly.MinValue);
            high = clinicTime.ToUtcNotLaterThan(day.AddDays(1), TimeOnly.MinValue);
        }
        else if (text.Contains('T', StringComparison.Ordinal) && HasOffset(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            low = at.UtcDateTime;
            high = low.AddTicks(1);
        }
        else
        {
            return null;
        }

        return prefix switch
        {
            "eq" => (low, high),
            "ge" => (low, null),
            "gt" => (high, null),
            "lt" => (null, low),
            "le" => (null, high),
            _ => null,
        };
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
