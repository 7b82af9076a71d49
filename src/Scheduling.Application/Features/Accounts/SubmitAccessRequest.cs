using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Accounts;

namespace Scheduling.Application.Features.Accounts;

/// <summary>
/// A referring doctor outside the practice asks for an account from the sign-in page. It is only a
/// request: nothing is created that grants access until an admin approves it.
/// </summary>
public static class SubmitAccessRequest
{
    public sealed record Command(string? FullName, string? Practice, string? Npi, string? Email, string? Phone, string? Note) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your full name.")
                .MaximumLength(AccessRequest.FullNameMaxLength).WithMessage($"The name can be at most {AccessRequest.FullNameMaxLength} characters.");
            RuleFor(c => c.Practice)
                .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter your practice.")
                .MaximumLength(AccessRequest.PracticeMaxLength).WithMessage($"The practice can be at most {AccessRequest.PracticeMaxLength} characters.");
            RuleFor(c => c.Npi).ValidNpi();
            RuleFor(c => c.Email).ValidEmail();
            RuleFor(c => c.Phone)
                .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter a phone number where the clinic can reach you.")
                .MaximumLength(AccessRequest.PhoneMaxLength).WithMessage($"The phone number can be at most {AccessRequest.PhoneMaxLength} characters.");
            RuleFor(c => c.Note)
                .MaximumLength(AccessRequest.NoteMaxLength).WithMessage($"The note can be at most {AccessRequest.NoteMaxLength} characters.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            db.AccessRequests.Add(AccessRequest.Submit(
                command.FullName!, command.Practice!, Npi.TryParse(command.Npi)!, command.Email!, command.Phone!, command.Note, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }
}
