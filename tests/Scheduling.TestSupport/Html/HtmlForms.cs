using System.Globalization;

using AngleSharp.Html.Dom;

namespace Scheduling.TestSupport.Html;

/// <summary>
/// What a browser sends when a form is submitted, for the test clients that post real forms (the web
/// tests' <c>BrowserClient</c>, the scale-out tests' <c>Browser</c>): the fields the server rendered,
/// antiforgery token included, with the values a person types or clicks.
/// </summary>
public static class HtmlForms
{
    /// <summary>
    /// Every named control of the form with its rendered value, as a browser submits it: checkboxes and
    /// radios only when checked; buttons and file pickers left out (a pressed button and a chosen file
    /// are added by the caller).
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button" or "reset" or "image" or "file":
                    continue;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? string.Empty));
                    break;
            }
        }

        return fields;
    }

    /// <summary>
    /// The form's fields with the given values filled in. A value replaces the rendered one; in a group of
    /// radios or checkboxes with nothing checked it is the one the person clicks; a name the form does not
    /// have fails the test (the page no longer asks for it).
    /// </summary>
    public static List<KeyValuePair<string, string>> Fill(IHtmlFormElement form, IReadOnlyDictionary<string, string> values, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(values);
        var fields = Fields(form);
        foreach (var (name, value) in values)
        {
            var index = fields.FindIndex(f => f.Key == name);
            if (index >= 0)
            {
                fields[index] = new(name, value);
            }
            else if (form.QuerySelector($"input[type='radio'][name='{name}'], input[type='checkbox'][name='{name}']") is not null)
            {
                fields.Add(new(name, value));
            }
            else
            {
                throw new Xunit.Sdk.XunitException($"The form on {pageUrl} has no field '{name}'.");
            }
        }

        return fields;
    }

    /// <summary>Where the form posts: its action, or the page itself when it has none.</summary>
    public static Uri Action(IHtmlFormElement form, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(form);
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pageUrl : new Uri(pageUrl, action);
    }

    /// <summary>
    /// An input model's settable properties as the fields its form names them (<c>{prefix}.{Property}</c>),
    /// formatted as a browser sends them: invariant numbers, ISO dates, <c>true</c>/<c>false</c>, and an
    /// empty string for an unanswered one.
    /// </summary>
    public static Dictionary<string, string> FieldsOf(string prefix, object input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = new Dictionary<string, string>();
        foreach (var property in input.GetType().GetProperties().Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            fields[$"{prefix}.{property.Name}"] = property.GetValue(input) switch
            {
                null => string.Empty,
                bool b => b ? "true" : "false",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? string.Empty,
            };
        }

        return fields;
    }
}
