using Scheduling.Domain.Common;

namespace Scheduling.Application.Common.Clinic;

/// <summary>
/// The practice itself, from the "Clinic" configuration section: what patients and doctors are told
/// (name, short name, phone, address, directions, the patients' footer), the one time zone every page
/// and email uses, and the public base URL patient links are built on (never the request's Host
/// header, which a client controls). Name to footer are changed by the clinic on its settings page;
/// configuration gives their first values.
/// </summary>
public sealed class ClinicOptions
{
    public const string SectionName = "Clinic";

    public const int NameMaxLength = 120;
    public const int ShortNameMaxLength = 40;
    public const int PhoneMaxLength = 40;
    public const int AddressMaxLength = 300;
    public const int TextMaxLength = 1000;

    public string Name { get; set; } = "Interventional Radiology";

    /// <summary>What the top of every page and email says; empty means <see cref="Name"/>.</summary>
    public string ShortName { get; set; } = string.Empty;

    public string Phone { get; set; } = "555-0100";

    public string Address { get; set; } = "1 Hospital Way";

    /// <summary>How to find the unit: parking, entrance, where to check in (may be empty).</summary>
    public string Directions { get; set; } = string.Empty;

    /// <summary>The last lines of every patient email and page (may be empty).</summary>
    public string PatientFooter { get; set; } = string.Empty;

    /// <summary>The clinic as the top of a page or an email names it.</summary>
    public string Brand => string.IsNullOrWhiteSpace(ShortName) ? Name : ShortName;

    /// <summary>IANA time zone id.</summary>
    public string TimeZone { get; set; } = ClinicTime.DefaultTimeZoneId;

    /// <summary>Scheme and host (and optional path base) of the app as patients reach it, e.g. https://tace.example.org.</summary>
    public string PublicBaseUrl { get; set; } = "https://localhost:5001";

    /// <summary>The one culture for every date, time and number on pages and in emails (never the server's locale).</summary>
    public string Culture { get; set; } = ClinicFormats.DefaultCulture;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        try
        {
            System.Globalization.CultureInfo.GetCultureInfo(Culture, predefinedOnly: true);
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            problems.Add($"Clinic:Culture '{Culture}' is not a known culture name such as en-US.");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("Clinic:PublicBaseUrl must be an absolute http(s) URL.");
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            problems.Add($"Clinic:TimeZone '{TimeZone}' is not a known IANA time zone.");
        }
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("Clinic:Name is shown to patients and must be set.");
        }

        if (string.IsNullOrWhiteSpace(Phone))
        {
            problems.Add("Clinic:Phone is shown to patients and must be set.");
        }

        if (string.IsNullOrWhiteSpace(Address))
        {
            problems.Add("Clinic:Address tells patients where to come and must be set.");
        }

        foreach (var (key, value, max) in new[]
        {
            ("Name", Name, NameMaxLength), ("ShortName", ShortName, ShortNameMaxLength), ("Phone", Phone, PhoneMaxLength),
            ("Address", Address, AddressMaxLength), ("Directions", Directions, TextMaxLength), ("PatientFooter", PatientFooter, TextMaxLength),
        })
        {
            if ((value ?? string.Empty).Length > max)
            {
                problems.Add($"Clinic:{key} must be at most {max} characters.");
            }
        }
        return problems;
    }

    /// <summary>An absolute URL under the public base for an app-relative path such as "/p/abc".</summary>
    public string PublicUrl(string relativePath) =>
        PublicBaseUrl.TrimEnd('/') + "/" + relativePath.TrimStart('/');
}
