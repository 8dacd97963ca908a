// The EC2 protocol: `POST /` with a form body `Action=…&Version=2016-11-15&…` (lists flattened
// under each member's queryName), answered with `<ActionResponse xmlns="…"><requestId>` plus the
// output's members by locationName; errors as `<Response><Errors><Error>…</Errors><RequestID>`.
import { WorldError } from './world-error.js';
import type { ServiceModel } from '../model/world-shape.js';
import type { Violation } from './world-validate.js';
import { decodeForm, parseForm, type FormOptions } from './form-input.js';
import { escapeXml, xmlMembers } from './xml.js';
import type { WireProtocol } from './world-protocol.js';

/** HTTP statuses EC2 uses for codes other than the 400 of client errors. */
const EC2_STATUS: Record<string, number> = {
  AuthFailure: 401,
  UnauthorizedOperation: 403,
  Blocked: 403,
  DryRunOperation: 412,
  RequestLimitExceeded: 503,
  ServiceUnavailable: 503,
  Unavailable: 503,
  InternalError: 500,
  InternalFailure: 500,
};

/** The model's namespace with one trailing slash, made once per model rather than per answer. */
const namespaces = new WeakMap<ServiceModel, string>();
function namespaceOf(model: ServiceModel): string {
  let ns = namespaces.get(model);
  if (ns === undefined) namespaces.set(model, (ns = `${model.metadata.xmlNamespace!.replace(/\/$/, '')}/`));
  return ns;
}

/** How EC2 names form keys and words a value of the wrong type. */
const FORM: FormOptions = {
  ec2: true,
  badValue: (k, v, t) => new WorldError('InvalidParameterValue', `Value (${v}) for parameter ${k} is invalid. Expected a ${t}.`),
};

export const ec2Query: WireProtocol = {
  decode(model, req) {
    const params = parseForm(req.body.length > 0 ? req.body.toString('utf8') : req.rawQuery);
    const action = params.get('Action');
    if (!action) throw new WorldError('MissingAction', 'The request must contain the parameter Action.');
    const op = model.operations[action];
    if (!op) throw new WorldError('InvalidAction', `The action ${action} is not valid for this web service.`);
    const used = new Set(['Action', 'Version']);
    const input = op.input ? decodeForm(model, op.input.shape, params, FORM, used) : {};
    for (const k of params.keys()) {
      if (!used.has(k)) throw new WorldError('UnknownParameter', `The parameter ${k.replace(/\.\d+.*$/, '')} is not recognized`);
    }
    return { operation: op, input };
  },

  encode(model, op, output, requestId) {
    const shape = op.output ? model.shapes[op.output.shape] : undefined;
    const ns = namespaceOf(model);
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${op.name}Response xmlns="${ns}"><requestId>${requestId}</requestId>${shape ? xmlMembers(model, shape, output) : ''}</${op.name}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId }, body };
  },

  encodeError(_model, err, requestId) {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
    return { status: err.status ?? EC2_STATUS[err.code] ?? 400, headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId }, body };
  },

  invalid(v: Violation) {
    const param = v.path.replace(/\.member/g, '');
    if (v.missing) return new WorldError('MissingParameter', `The request must contain the parameter ${param}`);
    return new WorldError('InvalidParameterValue', `Value (${v.value}) for parameter ${param} is invalid. ${v.constraint}.`);
  },
};

/** Exposed for the query protocol's shared status rule. */
export type { ServiceModel };
