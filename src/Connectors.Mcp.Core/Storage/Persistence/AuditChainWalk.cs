using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// Verifies one workspace's chain as both backends read it, row by row in sequence order (streamed, so a long chain is
/// never held in memory): each row's sequence follows the last, links to the previous hash and hashes to its own
/// (edited, deleted or re-linked rows); at the end the chain head must name the last row (deleted newest rows, a rolled
/// back head). The first problem found is the result.
/// </summary>
public sealed class AuditChainWalk((long Sequence, string Hash, long RowId)? head, long unfinished)
{
    private long _expected = 1;
    private string _previousHash = AuditChainHash.Genesis;
    private long? _lastRowId;
    private long? _firstBeyondHead;

    /// <summary>Checks the next row; the verification result when it breaks the chain, else null.</summary>
    public AuditVerification? Next(AuditRowContent row, string? previousHash, string? hash)
    {
        var sequence = row.Sequence!.Value;
        var checkedRows = _expected;
        if (sequence != _expected)
        {
            var missing = sequence - _expected == 1
                ? $"the row with sequence {_expected} is missing"
                : $"the rows with sequences {_expected} to {sequence - 1} are missing";
            return Broken(checkedRows, row.Id, $"Row {row.Id} has sequence {sequence} where {_expected} was expected: {missing} (deleted, or taken out of the chain).");
        }

        if (previousHash != _previousHash)
        {
            return Broken(checkedRows, row.Id, $"Row {row.Id} (sequence {sequence}) does not link to the row before it: the previous row was replaced or altered, or this row's link was edited.");
        }

        if (AuditChainHash.Compute(_previousHash, row) != hash)
        {
            return Broken(checkedRows, row.Id, $"Row {row.Id} (sequence {sequence}) was altered after it was written: its content no longer matches its hash.");
        }

        if (head is { } h && sequence == h.Sequence + 1)
        {
            _firstBeyondHead = row.Id;
        }

        _previousHash = hash!;
        _lastRowId = row.Id;
        _expected++;
        return null;
    }

    /// <summary>After the last row: whether the head agrees with it.</summary>
    public AuditVerification Finish()
    {
        var lastSequence = _expected - 1;
        if (head is not { } h)
        {
            return lastSequence == 0
                ? new AuditVerification(true, 0, null, null, unfinished)
                : Broken(lastSequence, _lastRowId, "The chain head is missing: the audit_chain_heads row of this workspace was deleted.");
        }

        if (h.Sequence > lastSequence)
        {
            var count = h.Sequence - lastSequence;
            return Broken(lastSequence, h.RowId,
                $"The newest {(count == 1 ? "row is" : $"{count} rows are")} missing: the chain head records sequence {h.Sequence} (row {h.RowId}) but the last row present has sequence {lastSequence}; {(count == 1 ? "it was" : "they were")} deleted.");
        }

        if (h.Sequence < lastSequence)
        {
            return Broken(lastSequence, _firstBeyondHead,
                $"Row {_firstBeyondHead} is beyond the chain head (sequence {h.Sequence}): the head was rolled back or the row was inserted by hand.");
        }

        if (h.Hash != _previousHash || h.RowId != _lastRowId)
        {
            return Broken(lastSequence, _lastRowId, $"Row {_lastRowId} (sequence {lastSequence}) does not match the chain head: the newest row or the head was altered.");
        }

        return new AuditVerification(true, lastSequence, null, null, unfinished);
    }

    private AuditVerification Broken(long rowsChecked, long? rowId, string problem) => new(false, rowsChecked, rowId, problem, unfinished);
}
