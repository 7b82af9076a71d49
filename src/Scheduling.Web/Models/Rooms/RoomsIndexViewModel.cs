using Scheduling.Application.Features.Rooms;

namespace Scheduling.Web.Models.Rooms;

public sealed record RoomsIndexViewModel(IReadOnlyList<ListRooms.RoomRow> Rooms, RoomFormViewModel NewRoom);
