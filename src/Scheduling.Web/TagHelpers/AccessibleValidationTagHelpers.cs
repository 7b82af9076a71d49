using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Scheduling.Web.TagHelpers;

/// <summary>
/// Every field bound with <c>asp-for</c> that has an error is marked <c>aria-invalid</c> and points
/// (<c>aria-describedby</c>) at its message, so a screen reader announces the error with the field,
/// on every form, without each view spelling it out.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AriaInvalidTagHelper : TagHelper
{
    /// <summary>After the framework's input, select and textarea helpers have written name and id.</summary>
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }

        output.Attributes.SetAttribute("aria-invalid", "true");
        var messageId = ValidationIds.MessageId(name);
        var describedBy = output.Attributes.TryGetAttribute("aria-describedby", out var existing)
            ? $"{existing.Value} {messageId}"
            : messageId;
        output.Attributes.SetAttribute("aria-describedby", describedBy);
    }
}

/// <summary>Gives each field's validation message the id its field's <c>aria-describedby</c> names.</summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class ValidationMessageIdTagHelper : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        output.Attributes.SetAttribute("id", ValidationIds.MessageId(name));
    }
}

public static class ValidationIds
{
    /// <summary>The id the framework gives the field itself ("Details.PatientFirstName" → "Details_PatientFirstName").</summary>
    public static string FieldId(string fieldName) => TagBuilder.CreateSanitizedId(fieldName, "_");

    public static string MessageId(string fieldName) => FieldId(fieldName) + "-error";
}
