using Scheduling.Application.Common.Abstractions;

namespace Scheduling.Infrastructure.Messaging;

internal sealed class PostCommitActions : IPostCommitActions
{
    private readonly List<Func<CancellationToken, Task>> _actions = [];

    public void Add(Func<CancellationToken, Task> action) => _actions.Add(action);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = _actions.ToArray();
        _actions.Clear();
        foreach (var action in pending)
        {
            await action(cancellationToken);
        }
    }

    public void Clear() => _actions.Clear();
}
