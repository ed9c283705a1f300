// An independent SCIM 2.0 service provider for Switchboard tests.
// The protocol (parsing, filters, PATCH, list responses, errors) is SCIMMY's; only the storage is ours:
// a small in-memory store, so every test run starts empty and nothing outlives the process.
//
// Environment: SCIMMY_PORT (required), SCIMMY_TOKEN (required bearer token),
// SCIMMY_LATENCY_MS (optional delay added before every SCIM request, for benchmarks).
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

const port = Number(process.env.SCIMMY_PORT);
const token = process.env.SCIMMY_TOKEN;
const latencyMs = Number(process.env.SCIMMY_LATENCY_MS ?? "0");
if (!port || !token) {
    console.error("event=config_error reason=SCIMMY_PORT_and_SCIMMY_TOKEN_required");
    process.exit(2);
}

/** One map per resource type, id -> stored resource (plain object, including id and meta). */
const stores = {User: new Map(), Group: new Map()};
let requestCount = 0;

const notFound = (type, id) => new SCIMMY.Types.Error(404, null, `${type} ${id} not found`);

/** userName is caseExact=false in RFC 7643, so uniqueness is checked case-insensitively. */
function assertUnique(type, candidate, ownId) {
    if (type !== "User") return;
    const wanted = String(candidate.userName ?? "").toLowerCase();
    for (const existing of stores.User.values()) {
        if (existing.id !== ownId && String(existing.userName).toLowerCase() === wanted) {
            throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${candidate.userName} is already taken`);
        }
    }
}

/** A user's read-only "groups" attribute, derived from group memberships as RFC 7643 §4.1.2 describes. */
function withGroups(user) {
    const groups = [];
    for (const group of stores.Group.values()) {
        if ((group.members ?? []).some(m => m.value === user.id)) {
            groups.push({value: group.id, display: group.displayName, type: "direct"});
        }
    }
    return groups.length ? {...user, groups} : user;
}

function declare(Resource, type) {
    const store = stores[type];
    Resource
        .ingress((resource, instance) => {
            const now = new Date().toISOString();
            // "instance" is a SCIMMY schema instance; JSON round trip gives a plain, detached copy
            const data = JSON.parse(JSON.stringify(instance));
            delete data.schemas;
            delete data.groups;
            if (resource.id) {
                const existing = store.get(resource.id);
                if (!existing) throw notFound(type, resource.id);
                assertUnique(type, data, resource.id);
                const version = Number(existing.meta.version.replace(/\D/g, "")) + 1;
                const updated = {...data, id: existing.id,
                    meta: {resourceType: type, created: existing.meta.created, lastModified: now, version: `W/"${version}"`}};
                store.set(existing.id, updated);
                return type === "User" ? withGroups(updated) : updated;
            }
            assertUnique(type, data, undefined);
            const id = randomUUID();
            const created = {...data, id, meta: {resourceType: type, created: now, lastModified: now, version: `W/"1"`}};
            store.set(id, created);
            return created;
        })
        .egress((resource) => {
            const decorate = r => type === "User" ? withGroups(r) : r;
            if (resource.id) {
                const found = store.get(resource.id);
                if (!found) throw notFound(type, resource.id);
                return decorate(found);
            }
            const all = [...store.values()].map(decorate);
            return resource.filter ? resource.filter.match(all) : all;
        })
        .degress((resource) => {
            if (!store.delete(resource.id)) throw notFound(type, resource.id);
            if (type === "User") {
                for (const group of stores.Group.values()) {
                    group.members = (group.members ?? []).filter(m => m.value !== resource.id);
                }
            }
        });
    SCIMMY.Resources.declare(Resource);
}

// Most real apps accept the enterprise extension; without declaring it SCIMMY drops it silently.
SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
declare(SCIMMY.Resources.User, "User");
declare(SCIMMY.Resources.Group, "Group");

const app = express();
app.use((req, res, next) => {
    requestCount++;
    const started = Date.now();
    res.on("finish", () => console.log(`event=request method=${req.method} path=${req.path} status=${res.statusCode} ms=${Date.now() - started}`));
    next();
});
// Test-only introspection, behind the same token: counts let benchmarks and tests check what arrived.
app.get("/_testkit/stats", (req, res) => {
    if (req.header("Authorization") !== `Bearer ${token}`) return res.status(401).end();
    res.json({requests: requestCount, users: stores.User.size, groups: stores.Group.size});
});
app.post("/_testkit/reset", (req, res) => {
    if (req.header("Authorization") !== `Bearer ${token}`) return res.status(401).end();
    stores.User.clear();
    stores.Group.clear();
    res.status(204).end();
});
if (latencyMs > 0) {
    app.use("/scim", (req, res, next) => setTimeout(next, latencyMs));
}
app.use("/scim/v2", new SCIMMYRouters({
    type: "bearer",
    docUri: "https://example.invalid/switchboard-testkit",
    handler: (request) => {
        if (request.header("Authorization") !== `Bearer ${token}`) {
            throw new Error("Missing or wrong bearer token");
        }
        return "testkit-client";
    }
}));

const server = app.listen(port, "127.0.0.1", () => console.log(`event=listening port=${port} latency_ms=${latencyMs}`));
server.keepAliveTimeout = 60_000;
process.on("SIGTERM", () => server.close(() => process.exit(0)));
