using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>Renders the submitted text of a message kind with sample values, without saving; validated as <see cref="SaveMessageTemplate"/> is.</summary>
public static class PreviewMessageTemplate
{
    public sealed record Query(string Kind, string? Subject, string? Body, string Language = PatientLanguages.English) : IQuery<Result<RenderedPreview>>;

    public sealed record RenderedPreview(string Subject, string Body);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => SaveMessageTemplate.TemplateRules.Apply(this, c => c.Kind, c => c.Language, c => c.Subject, c => c.Body);
    }

    public sealed class Handler(PatientTexts texts) : IQueryHandler<Query, Result<RenderedPreview>>
    {
        public ValueTask<Result<RenderedPreview>> Handle(Query query, CancellationToken cancellationToken)
        {
            var values = EffectiveTemplates.SampleValues(texts, query.Language);
            Result<RenderedPreview> result = new RenderedPreview(
                TemplateText.Render(query.Subject ?? string.Empty, values),
                TemplateText.Render(query.Body ?? string.Empty, values));
            return ValueTask.FromResult(result);
        }
    }
}
