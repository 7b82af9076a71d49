using FluentValidation;

using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common;
using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Closures;
using Scheduling.Application.Features.Courses;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;

namespace Scheduling.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers what the application layer owns. Mediator itself is wired in the Web project, where
    /// its source generator runs, together with the ordered pipeline behaviours.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<IBookingNotifications, BookingNotifications>();
        services.AddScoped<SlotMaterializer>();
        services.AddScoped<AffectedBookings>();
        services.AddScoped<CapacitySnapshots>();
        services.AddScoped<Features.Bookings.CapacityClaims>();
        services.AddScoped<IOutboxMessageComposer, PatientMessageComposer>();
        services.AddScoped<IOutboxMessageComposer, PatientTextComposer>();
        services.AddScoped<IOutboxMessageComposer, DoctorMessageComposer>();
        services.AddScoped<IOutboxMessageComposer, AccountMessageComposer>();
        services.AddScoped<IOutboxMessageComposer, ReviewMessageComposer>();
        services.AddScoped<IOutboxMessageComposer, CourseMessageComposer>();
        services.AddScoped<IDomainEventDispatcher, DomainEventDispatcher>();
        services.AddScoped<IDomainEventHandler<BookingCompleted>, SessionFromCompletedBooking>();
        services.AddScoped<CourseNotifications>();
        return services;
    }
}
