import json,sys,collections,re
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
# stage patterns, checked from the leaf upwards: the first (deepest) frame that matches decides
STAGES=[
 ('audit write (incl. its transaction and commit)', r'SqliteAuditLog|GroupCommitWriter|SqliteTransaction\.Commit|SqliteDatabase\.InTransaction|BeginImmediate'),
 ('idempotency', r'Idempotency'),
 ('catalog version read', r'ToolCatalog\+<GetAsync>|ToolCatalog\.GetAsync|GetCatalogVersion'),
 ('meta tool (list_connectors reads)', r'ListConnectorsAsync|GetWorkspaceConnectorsAsync'),
 ('argument validation', r'ArgumentValidator|ArgumentLimits|JsonSchema\.Net'),
 ('rate limiting', r'RateLimiter'),
 ('other pipeline', r'Connectors\.Mcp\.Core!.*ToolPipeline'),
 ('MCP SDK tools/call + JSON-RPC (de)serialisation', r'ModelContextProtocol'),
 ('authn/authz', r'Authentication|Authorization'),
 ('our middleware', r'connectors-mcp!Connectors\.Mcp\.Hosting\.(HttpGuard|RepeatedSlash|LargeRequestGate|JsonContentType|Utf8Body)'),
 ('Kestrel / HTTP', r'Kestrel|AspNetCore'),
 ('GC', r'GC\.|RunFinalizers|PollGC'),
 ('thread pool spin / socket loop (no request)', r'LowLevelLifoSemaphore|SocketAsyncEngine\.EventLoop'),
 ('thread pool / other', r'.'),
]
comp=[(n,re.compile(p)) for n,p in STAGES]
c=collections.Counter(); total=0.0
for p in d['profiles']:
    if p['type']!='evented': continue
    stack=[]; last=None
    for e in p['events']:
        if last is not None and stack:
            dt=e['at']-last
            names=[frames[i] for i in stack]
            if names[-1]=='CPU_TIME' and not any('RunFinalizers' in x for x in names):
                total+=dt
                for n,rx in comp:
                    if any(rx.search(x) for x in names):
                        c[n]+=dt; break
        last=e['at']
        if e['type']=='O': stack.append(e['frame'])
        elif stack: stack.pop()
print(f'CPU samples: {total:.0f} ms')
for n,_ in STAGES: print(f'| {n} | {c[n]/total*100:.1f}% |')
