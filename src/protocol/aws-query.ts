// The awsQuery protocol (STS, IAM): `POST /` with a form body `Action=…&Version=…`, lists as
// `Name.member.N`; answers `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata>` and errors
// as `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code>…` with the error shape's status.
import { WorldError } from './world-error.js';
import type { Violation } from './world-validate.js';
import { coralMessage } from './world-validate.js';
import { decodeForm, parseForm } from './form-input.js';
import { escapeXml, xmlMembers } from './xml.js';
import { modelStatus, type WireProtocol } from './world-protocol.js';

/** Statuses of codes the models do not declare as shapes (STS's and IAM's common errors). */
const QUERY_STATUS: Record<string, number> = {
  AccessDenied: 403,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
  IncompleteSignature: 400,
  MissingAuthenticationToken: 403,
  ExpiredToken: 400,
  Throttling: 400,
  InternalFailure: 500,
  ServiceUnavailable: 503,
};

export const awsQuery: WireProtocol = {
  decode(model, req) {
    const params = parseForm(req.body.length > 0 ? req.body.toString('utf8') : req.rawQuery);
    const action = params.get('Action');
    if (!action) throw new WorldError('MissingAction', 'Missing Action');
    const op = model.operations[action];
    if (!op) throw new WorldError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
    const used = new Set<string>();
    const input = op.input
      ? decodeForm(
          model,
          op.input.shape,
          params,
          { ec2: false, badValue: (k, v, t) => new WorldError('MalformedInput', `Value '${v}' for ${k} is not a valid ${t}.`) },
          used,
        )
      : {};
    return { operation: op, input };
  },

  encode(model, op, output, requestId) {
    const ns = model.metadata.xmlNamespace!;
    const shape = op.output ? model.shapes[op.output.shape] : undefined;
    const result = op.output?.resultWrapper ? `<${op.output.resultWrapper}>${shape ? xmlMembers(model, shape, output) : ''}</${op.output.resultWrapper}>` : '';
    const body = `<${op.name}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
    return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  },

  encodeError(model, err, requestId) {
    const status = err.status ?? modelStatus(model, err.code) ?? QUERY_STATUS[err.code] ?? 400;
    const type = status >= 500 ? 'Receiver' : 'Sender';
    const body = `<ErrorResponse xmlns="${model.metadata.xmlNamespace!}"><Error><Type>${type}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
  },

  invalid(v: Violation) {
    return new WorldError('ValidationError', coralMessage(v));
  },
};
