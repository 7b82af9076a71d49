namespace Scheduling.Domain.Integration;

/// <summary>
/// The SMART v2 system scopes the FHIR API knows, each with what it lets a hospital system do. A
/// client is registered with some of them, asks for some of those in its token request, and every
/// FHIR route names the one scope it needs. The discovery document, the admin page, the capability
/// statement and the route checks all read this one list.
/// </summary>
public static class SmartScopes
{
    public const string PatientRead = "system/Patient.rs";
    public const string ServiceRequestRead = "system/ServiceRequest.rs";
    public const string ServiceRequestCreate = "system/ServiceRequest.c";
    public const string TaskRead = "system/Task.rs";
    public const string QuestionnaireRead = "system/Questionnaire.rs";
    public const string ScheduleRead = "system/Schedule.rs";
    public const string SlotRead = "system/Slot.rs";
    public const string AppointmentRead = "system/Appointment.rs";
    public const string AppointmentWrite = "system/Appointment.cu";

    /// <summary>Every scope, in the order the admin page lists them, with a plain description.</summary>
    public static readonly IReadOnlyList<(string Scope, string Description)> All =
    [
        (ServiceRequestCreate, "Send referrals (a ServiceRequest with its Patient and questionnaire answers)"),
        (ServiceRequestRead, "Read and search the practice's referrals"),
        (TaskRead, "Follow a referral's progress (Task)"),
        (PatientRead, "Read and search the practice's patients"),
        (QuestionnaireRead, "Read the eligibility questionnaire"),
        (ScheduleRead, "Search the procedure rooms' schedules"),
        (SlotRead, "Search open procedure slots"),
        (AppointmentRead, "Find open appointments ($find), read and search the practice's appointments"),
        (AppointmentWrite, "Hold and book appointments, cancel and reschedule them ($hold, $book)"),
    ];

    public static bool IsKnown(string scope) => All.Any(s => s.Scope == scope);

    /// <summary>A space-separated scope list as a set (unknown and repeated entries kept out by the caller's validation).</summary>
    public static IReadOnlyList<string> Parse(string? scopes) =>
        string.IsNullOrWhiteSpace(scopes) ? [] : scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
}
