import type { Metadata } from "next";
import { referenceOf } from "@/lib/management-api/document";

export const metadata: Metadata = { title: "Management API reference" };

const schemaName = (ref: string) => ref.replace("#/components/schemas/", "");

/** A schema as JSON, with each $ref a link to that schema's section. */
function SchemaJson({ schema }: { schema: unknown }) {
  const text = JSON.stringify(schema, null, 2);
  const parts = text.split(/("\$ref": "#\/components\/schemas\/[A-Za-z]+")/);
  return (
    <pre className="rounded-md bg-zinc-100 p-3 text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
      {parts.map((part, i) => {
        const ref = /#\/components\/schemas\/([A-Za-z]+)/.exec(part);
        return ref ? (
          <a key={i} href={`#schema-${ref[1]}`} className="text-brand-700 underline">
            {part}
          </a>
        ) : (
          part
        );
      })}
    </pre>
  );
}

function refLink(schema: { $ref?: string } | undefined) {
  if (!schema?.$ref) return schema ? <SchemaJson schema={schema} /> : null;
  const name = schemaName(schema.$ref);
  return (
    <a href={`#schema-${name}`} className="text-brand-700 underline">
      {name}
    </a>
  );
}

/**
 * The management API's reference, rendered on the server from the same OpenAPI document as
 * /api/v1/openapi.json: no script, no CDN, so it works offline and on any network.
 */
export default function ApiReferencePage() {
  const { info, groups, schemas } = referenceOf();
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-8 p-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">{info.title}</h1>
        <p className="text-sm text-zinc-700">Version {info.version}</p>
        <p>{info.description}</p>
        <p>
          The machine-readable document: <a href="/api/v1/openapi.json" className="text-brand-700 underline">/api/v1/openapi.json</a> (OpenAPI 3.1).
        </p>
        <nav aria-label="Sections">
          <ul className="flex flex-wrap gap-3 text-sm">
            {groups.map((g) => (
              <li key={g.tag}>
                <a href={`#tag-${g.tag.replace(/\s+/g, "-")}`} className="text-brand-700 underline">
                  {g.tag}
                </a>
              </li>
            ))}
            <li>
              <a href="#schemas" className="text-brand-700 underline">
                Schemas
              </a>
            </li>
          </ul>
        </nav>
      </header>
      {groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag.replace(/\s+/g, "-")}`} className="flex flex-col gap-6">
          <h2 id={`tag-${g.tag.replace(/\s+/g, "-")}`} className="text-xl font-semibold">
            {g.tag}
          </h2>
          {g.operations.map((op) => (
            <article key={op.operationId} aria-labelledby={`op-${op.operationId}`} className="flex flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4">
              <h3 id={`op-${op.operationId}`} className="text-lg font-semibold">
                {op.summary}
              </h3>
              <p className="font-mono text-sm">
                <span className="font-semibold">{op.method}</span> {op.path}
              </p>
              {op.description ? <p className="text-sm">{op.description}</p> : null}
              <p className="text-sm">
                Key scope: <strong>{op["x-required-scope"]}</strong> · operationId <code>{op.operationId}</code>
              </p>
              {op.parameters?.length ? (
                <table className="w-full text-left text-sm">
                  <caption className="text-left font-medium">Parameters</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">In</th>
                      <th scope="col">Type</th>
                      <th scope="col">Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.parameters.map((p) => (
                      <tr key={`${p.in}-${p.name}`}>
                        <td className="font-mono">
                          {p.name}
                          {p.required ? " (required)" : ""}
                        </td>
                        <td>{p.in}</td>
                        <td>{p.schema.$ref ? schemaName(p.schema.$ref) : String(p.schema.type ?? (p.schema.enum ? "enum" : ""))}</td>
                        <td>{p.description ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => (
                <div key={type} className="text-sm">
                  Request body ({type}): {op.requestBody?.description ?? ""} {refLink(media.schema)}
                </div>
              ))}
              <div className="text-sm">
                <p className="font-medium">Responses</p>
                <ul className="flex flex-col gap-1">
                  {Object.entries(op.responses).map(([status, r]) => {
                    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
                    return (
                      <li key={status}>
                        <span className="font-mono font-semibold">{status}</span> {r.description}
                        {type ? <> · {type} {refLink(media?.schema)}</> : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            </article>
          ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="flex flex-col gap-4">
        <h2 id="schemas" className="text-xl font-semibold">
          Schemas
        </h2>
        {schemas.map(([name, schema]) => (
          <div key={name} className="flex flex-col gap-1">
            <h3 id={`schema-${name}`} className="font-mono font-semibold">
              {name}
            </h3>
            <SchemaJson schema={schema} />
          </div>
        ))}
      </section>
    </main>
  );
}
