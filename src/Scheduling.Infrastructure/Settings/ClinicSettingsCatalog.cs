using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Settings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Eligibility;
using Scheduling.Infrastructure.Messaging;

namespace Scheduling.Infrastructure.Settings;

/// <summary>
/// The settings a clinic changes at work, in the order of the settings page. Each group is a settings
/// class (a configuration section, checked by the start-up check with the same <c>Validate()</c>);
/// each field one of its properties. Adding a setting: a property with its default and rule on the
/// class, then one <see cref="SettingField.For{TSettings, TValue}"/> line here. Code that needs it
/// injects the class and gets the clinic's current value.
/// </summary>
public static class ClinicSettingsCatalog
{
    public static IReadOnlyList<SettingsGroup> Groups { get; } =
    [
        SettingsGroup.For<ClinicOptions>(
            ClinicOptions.SectionName,
            "The clinic",
            "What patients and doctors read on every page and email.",
            o => o.Validate(),
            SettingField.For<ClinicOptions, string>("Clinic:Name", "Clinic name", SettingKind.Text, o => o.Name, (o, v) => o.Name = v,
                "As patients know it, e.g. Harbour Interventional Radiology.", ClinicOptions.NameMaxLength),
            SettingField.For<ClinicOptions, string>("Clinic:ShortName", "Short name", SettingKind.Text, o => o.ShortName, (o, v) => o.ShortName = v,
                "At the top of every page and email. Empty: the clinic name.", ClinicOptions.ShortNameMaxLength),
            SettingField.For<ClinicOptions, string>("Clinic:Phone", "Phone", SettingKind.Text, o => o.Phone, (o, v) => o.Phone = v,
                "The number patients call with questions.", ClinicOptions.PhoneMaxLength),
            SettingField.For<ClinicOptions, string>("Clinic:Address", "Address", SettingKind.LongText, o => o.Address, (o, v) => o.Address = v,
                "Where patients come on the day.", ClinicOptions.AddressMaxLength),
            SettingField.For<ClinicOptions, string>("Clinic:Directions", "Directions", SettingKind.LongText, o => o.Directions, (o, v) => o.Directions = v,
                "Parking, entrance, where to check in. Shown to patients under the address.", ClinicOptions.TextMaxLength),
            SettingField.For<ClinicOptions, string>("Clinic:PatientFooter", "Footer for patients", SettingKind.LongText, o => o.PatientFooter, (o, v) => o.PatientFooter = v,
                "The last lines of every patient email and page (opening hours, an emergency number).", ClinicOptions.TextMaxLength)),
        SettingsGroup.For<EmailOptions>(
            EmailOptions.SectionName,
            "Emails",
            "Who emails come from. The address must be one the clinic's mail relay may send as.",
            o => o.Validate(),
            SettingField.For<EmailOptions, string>("Email:FromName", "Sender name", SettingKind.Text, o => o.FromName, (o, v) => o.FromName = v,
                "Empty: the clinic name.", EmailOptions.FromNameMaxLength),
            SettingField.For<EmailOptions, string>("Email:FromAddress", "Sender address", SettingKind.Email, o => o.FromAddress, (o, v) => o.FromAddress = v,
                maxLength: EmailOptions.FromAddressMaxLength)),
        SettingsGroup.For<AppointmentPolicy>(
            AppointmentPolicy.SectionName,
            "Patients' appointments",
            null,
            o => o.Validate(),
            SettingField.For<AppointmentPolicy, int>("Appointments:ArrivalLeadMinutes", "Arrival before the procedure (minutes)", SettingKind.WholeNumber,
                o => o.ArrivalLeadMinutes, (o, v) => o.ArrivalLeadMinutes = v, "Patients are asked to arrive this long before the procedure time."),
            SettingField.For<AppointmentPolicy, int[]>("Appointments:ReminderHoursBefore", "Reminders (hours before the procedure)", SettingKind.WholeNumbers,
                o => o.ReminderHoursBefore ?? [.. AppointmentPolicy.DefaultReminderHours], (o, v) => o.ReminderHoursBefore = v,
                "For example 72, 24. Reminders already waiting to be sent follow a change at once."),
            SettingField.For<AppointmentPolicy, string[]>("Appointments:ConfirmationChecklist", "Confirmation checklist", SettingKind.Lines,
                o => o.ConfirmationChecklist ?? [.. AppointmentPolicy.DefaultChecklist], (o, v) => o.ConfirmationChecklist = v,
                "One item per line; the patient ticks each to confirm.", AppointmentPolicy.ChecklistItemMaxLength)),
        SettingsGroup.For<ConfirmationPolicy>(
            ConfirmationPolicy.SectionName,
            "Patients who have not confirmed",
            "An unconfirmed booking goes on \"Needs attention\" at the cut-off before the procedure, but never sooner than the grace after it was booked.",
            o => o.Validate(),
            SettingField.For<ConfirmationPolicy, int>("Confirmation:GraceHours", "Grace after booking (hours)", SettingKind.WholeNumber,
                o => o.GraceHours, (o, v) => o.GraceHours = v),
            SettingField.For<ConfirmationPolicy, int>("Confirmation:CutoffHours", "Cut-off before the procedure (hours)", SettingKind.WholeNumber,
                o => o.CutoffHours, (o, v) => o.CutoffHours = v)),
        SettingsGroup.For<EligibilityCriteria>(
            EligibilityCriteria.ConfigurationSectionName,
            "Labs and imaging",
            "Older results never stop a booking; the patient and the schedulers are told they must be repeated.",
            o => o.Validate(),
            SettingField.For<EligibilityCriteria, int>("Eligibility:LabValidityDays", "Labs are recent enough for (days)", SettingKind.WholeNumber,
                o => o.LabValidityDays, (o, v) => o.LabValidityDays = v),
            SettingField.For<EligibilityCriteria, int>("Eligibility:ImagingValidityDays", "Imaging is recent enough for (days)", SettingKind.WholeNumber,
                o => o.ImagingValidityDays, (o, v) => o.ImagingValidityDays = v)),
    ];
}
