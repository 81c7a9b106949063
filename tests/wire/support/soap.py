"""SOAP 1.1 rpc/encoded on the wire: requests built the way PEAR SOAP builds them, responses
decoded and checked against the wire rules of api §2.5 and §7.1 (envelopes/README.md
"Responses: what the client accepts").
"""

from xml.sax.saxutils import escape

from lxml import etree

from . import server as server_mod

ENV = "http://schemas.xmlsoap.org/soap/envelope/"
ENC = "http://schemas.xmlsoap.org/soap/encoding/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
TYPES = "urn:AGProjects:NGNPro"
PORTS = {name: f"urn:AGProjects:NGNPro:{name}" for name in ("Customer", "Sip", "Dns", "Enum", "Voicemail")}

ADMIN = {"username": server_mod.ADMIN_USER, "password": server_mod.ADMIN_PASSWORD,
         "admin": True, "impersonate": 0}

INT_TYPES = {"int", "integer", "long", "short", "byte", "unsignedInt", "unsignedLong",
             "unsignedShort", "nonNegativeInteger", "positiveInteger"}
FLOAT_TYPES = {"double", "float", "decimal"}
FAULT_TEXT_CHILDREN = {"faultcode", "faultstring", "faultactor"}  # plain SOAP 1.1, untyped


# -- requests: PEAR SOAP 0.11's encoding (api §2.3) -------------------------------------------

def admin_as(customer_id):
    """The admin header impersonating a customer (api §8.2)."""
    return {**ADMIN, "impersonate": customer_id}


def customer_login(username, password):
    return {"username": username, "password": password, "admin": False}


def encode(name, value):
    """One accessor as PEAR writes it: typed scalars, untyped nested structs, Struct[n] arrays."""
    if value is None:
        return f"<{name}/>"
    if isinstance(value, bool):
        return f'<{name} xsi:type="xsd:boolean">{"true" if value else "false"}</{name}>'
    if isinstance(value, int):
        return f'<{name} xsi:type="xsd:int">{value}</{name}>'
    if isinstance(value, float):
        return f'<{name} xsi:type="xsd:float">{value:g}</{name}>'
    if isinstance(value, str):
        return f'<{name} xsi:type="xsd:string">{escape(value)}</{name}>'
    if isinstance(value, dict):
        return f"<{name}>" + "\r\n".join(encode(k, v) for k, v in value.items()) + f"</{name}>"
    if isinstance(value, list):
        if not value:
            return f'<{name} xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="xsd:anyType[0]"/>'
        item_type = "Struct" if isinstance(value[0], dict) else "xsd:string"
        items = "\r\n".join(encode("item", v) for v in value)
        return (f'<{name} xsi:type="SOAP-ENC:Array" SOAP-ENC:arrayType="{item_type}[{len(value)}]"'
                f' SOAP-ENC:offset="[0]">\r\n{items}</{name}>')
    raise TypeError(f"cannot encode {type(value).__name__}")


def auth_header(auth):
    """The unqualified <auth> header exactly as CDRTool sends it (api §2.4)."""
    if auth is None:
        return ""
    members = "\r\n".join(encode(k, auth[k]) for k in ("username", "password", "admin", "impersonate")
                          if k in auth)
    return f"<SOAP-ENV:Header>\r\n\r\n<auth>\r\n{members}</auth>\r\n</SOAP-ENV:Header>\r\n"


def envelope(port, method, params=(), auth=ADMIN, typed=None):
    """A request body: `params` is a list of (name, value); `typed` maps a parameter name to its
    ngnpro type, written as xsi:type on that parameter as the stubs do (`account` ->
    CustomerAccount)."""
    typed = typed or {}
    parts = []
    for name, value in params:
        xml = encode(name, value)
        if name in typed and isinstance(value, dict):
            xml = xml.replace(f"<{name}>", f'<{name} xsi:type="ns4:{typed[name]}">', 1)
        parts.append(xml)
    body = "\r\n".join(parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\r\n\r\n'
            f'<SOAP-ENV:Envelope  xmlns:SOAP-ENV="{ENV}"\r\n xmlns:xsd="{XSD}"\r\n'
            f' xmlns:xsi="{XSI}"\r\n xmlns:SOAP-ENC="{ENC}"\r\n xmlns:ns4="{TYPES}"\r\n'
            f' xmlns:ns5="{PORTS[port]}"\r\n SOAP-ENV:encodingStyle="{ENC}">\r\n'
            f'{auth_header(auth)}<SOAP-ENV:Body>\r\n\r\n'
            f'<ns5:{method}>\r\n{body}</ns5:{method}>\r\n</SOAP-ENV:Body>\r\n</SOAP-ENV:Envelope>\r\n'
            ).encode("utf-8")


# -- parsing ------------------------------------------------------------------------------------

def parse_xml(data):
    """Parse without DTDs, entities or network: a response must not need any of them."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             remove_blank_text=False, huge_tree=False)
    return etree.fromstring(data, parser)


def local(el):
    return etree.QName(el).localname


def qname_value(el, text):
    """Resolve a QName attribute value ("xsd:int") against el's namespaces: (uri, local)."""
    prefix, _, name = text.strip().rpartition(":")
    return el.nsmap.get(prefix or None), name


def xsi_type(el):
    value = el.get(f"{{{XSI}}}type")
    return qname_value(el, value) if value is not None else None


def is_nil(el):
    return el.get(f"{{{XSI}}}nil") in ("true", "1")


# Members and results the contract types as SOAP-ENC arrays (api §5.3, §5.16); known by name so
# that an empty one written as a bare <properties/> is caught too.
ARRAY_MEMBERS = {"properties", "accounts"}
ARRAY_RESULTS = {"getPropertiesResponse"}


def is_array(el):
    t = xsi_type(el)
    return (t == (ENC, "Array") or el.get(f"{{{ENC}}}arrayType") is not None
            or (len(el) > 0 and all(local(c) == "item" for c in el)))


def must_be_array(el):
    parent = el.getparent()
    return (is_array(el) or local(el) in ARRAY_MEMBERS
            or (local(el) == "return" and parent is not None and local(parent) in ARRAY_RESULTS))


def decode(el):
    """An encoded value as Python: struct -> dict, array -> list, typed scalars -> int/float/bool/str,
    nil -> None."""
    if is_nil(el):
        return None
    if is_array(el):
        return [decode(c) for c in el]
    if len(el) > 0:
        return {local(c): decode(c) for c in el}
    t = xsi_type(el)
    text = el.text or ""
    if t is None or t[0] != XSD:
        return text
    if t[1] in INT_TYPES:
        return int(text)
    if t[1] in FLOAT_TYPES:
        return float(text)
    if t[1] == "boolean":
        return text.strip().lower() in ("true", "1")
    return text


class Fault:
    def __init__(self, faultcode, faultstring, errorcode, errorstring):
        self.faultcode = faultcode      # (namespace uri, local name), e.g. (ENV, "Client")
        self.faultstring = faultstring
        self.errorcode = errorcode      # int, or None when the detail lacks it
        self.errorstring = errorstring

    def __repr__(self):
        return f"fault {self.errorcode} ({self.faultstring}: {self.errorstring})"


class Reply:
    """A decoded SOAP answer: `value` for a result, `fault` for a fault, `element` = Body child."""

    def __init__(self, response, root, element, value, fault):
        self.response = response
        self.root = root
        self.element = element
        self.value = value
        self.fault = fault

    @property
    def errorcode(self):
        return self.fault.errorcode if self.fault else None

    def __repr__(self):
        if self.fault:
            return f"<HTTP {self.response.status} {self.fault!r}>"
        return f"<HTTP {self.response.status} {self.value!r}>"


def body_child(root):
    body = root.find(f"{{{ENV}}}Body")
    if body is None:
        return None
    children = [c for c in body if isinstance(c.tag, str)]
    return children[0] if len(children) == 1 else None


def read_fault(el):
    """A Fault element as CDRTool reads it: by local names only (envelopes/README.md "Faults")."""
    def member(parent, name):
        found = [c for c in parent if isinstance(c.tag, str) and local(c) == name]
        return found[0] if found else None

    code_el = member(el, "faultcode")
    faultcode = qname_value(code_el, code_el.text or "") if code_el is not None else None
    string_el = member(el, "faultstring")
    errorcode = errorstring = None
    detail = member(el, "detail")
    exception = member(detail, "exception") if detail is not None else None
    if exception is not None:
        code = member(exception, "errorcode")
        if code is not None and (code.text or "").strip().lstrip("-").isdigit():
            errorcode = int(code.text)
        text = member(exception, "errorstring")
        if text is not None:
            errorstring = text.text or ""
    return Fault(faultcode, string_el.text or "" if string_el is not None else None,
                 errorcode, errorstring)


def read_reply(response):
    """Decode a response; raises AssertionError if it is not a SOAP envelope at all."""
    try:
        root = parse_xml(response.body)
    except etree.XMLSyntaxError as e:
        raise AssertionError(f"HTTP {response.status}: body is not XML ({e}): {response.body[:300]!r}")
    if root.tag != f"{{{ENV}}}Envelope":
        raise AssertionError(f"HTTP {response.status}: the root element is {root.tag}, not a SOAP 1.1"
                             f" Envelope: {response.body[:200]!r}")
    child = body_child(root)
    if child is None:
        raise AssertionError(f"HTTP {response.status}: no single Body child: {response.body[:300]!r}")
    if child.tag == f"{{{ENV}}}Fault":
        return Reply(response, root, child, None, read_fault(child))
    results = [c for c in child if isinstance(c.tag, str)]
    value = decode(results[0]) if len(results) == 1 else None
    return Reply(response, root, child, value, None)


# -- the wire rules every response must follow ---------------------------------------------------

def http_problems(response):
    """api §2.2: text/xml, an exact Content-Length, the connection closed, 200 or 500."""
    problems = []
    if response.status not in (200, 500):
        problems.append(f"HTTP status {response.status}, expected 200 or 500")
    content_type = (response.header("content-type") or "").split(";")[0].strip().lower()
    if content_type != "text/xml":
        problems.append(f"Content-Type {response.header('content-type')!r} is not text/xml")
    length = response.header("content-length")
    if length is None:
        problems.append("no Content-Length")
    elif not length.isdigit() or int(length) != len(response.body):
        problems.append(f"Content-Length {length} but {len(response.body)} body bytes")
    if response.header("transfer-encoding"):
        problems.append(f"Transfer-Encoding {response.header('transfer-encoding')} on HTTP/1.0")
    if not response.closed:
        problems.append("connection left open after the response (PEAR reads until EOF)")
    return problems


def envelope_problems(response, secrets=()):
    """api §2.5/§7.1 and envelopes/README.md: one Body child; a 200 is a <xResponse>, a 500 a Fault
    with detail/exception/errorcode; no SOAP-ENC:offset; arrays carry SOAP-ENC:arrayType and
    xsi:type="SOAP-ENC:Array"; every leaf carries xsi:type or xsi:nil; no <auth> echoed; no
    secret echoed."""
    problems = []
    try:
        root = parse_xml(response.body)
    except etree.XMLSyntaxError as e:
        return [f"body is not well-formed XML: {e}"]
    if root.tag != f"{{{ENV}}}Envelope":
        return [f"root element is {root.tag}, not SOAP-ENV:Envelope"]
    body = root.find(f"{{{ENV}}}Body")
    if body is None:
        return ["no SOAP-ENV:Body"]
    children = [c for c in body if isinstance(c.tag, str)]
    if len(children) != 1:
        return [f"Body has {len(children)} element children, expected exactly 1"]
    child = children[0]
    is_fault = child.tag == f"{{{ENV}}}Fault"
    if response.status == 200 and (is_fault or not local(child).endswith("Response")):
        problems.append(f"HTTP 200 but the Body child is {child.tag}")
    if response.status == 500:
        if not is_fault:
            problems.append(f"HTTP 500 but the Body child is {child.tag}, not a Fault")
        else:
            fault = read_fault(child)
            if fault.faultcode not in ((ENV, "Client"), (ENV, "Server")):
                problems.append(f"faultcode {fault.faultcode} is not SOAP-ENV:Client/Server")
            if fault.errorcode is None:
                problems.append("fault without detail/exception/errorcode")
            if fault.errorstring is None:
                problems.append("fault without detail/exception/errorstring")
    if not is_fault and len([c for c in child if isinstance(c.tag, str)]) > 1:
        problems.append(f"{local(child)} has more than one child (PEAR would return an array)")

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if f"{{{ENC}}}offset" in el.attrib:
            problems.append(f"<{local(el)}> carries SOAP-ENC:offset (PEAR dies on it)")
        if local(el) == "auth":
            problems.append("the request's <auth> header is echoed in the response")
    for el in child.iter():
        if el is child or not isinstance(el.tag, str):
            continue
        # PEAR takes SOAP-ENC:arrayType alone as the array marker (envelopes/README.md
        # "Lists must be marked as arrays"); without it one item decodes as an object.
        has_array_type = el.get(f"{{{ENC}}}arrayType") is not None
        if must_be_array(el) and not has_array_type and not is_nil(el):
            problems.append(f"array <{local(el)}> lacks SOAP-ENC:arrayType"
                            + (" (an empty array must still be marked, api §2.5)" if len(el) == 0 else ""))
            continue
        if has_array_type and xsi_type(el) != (ENC, "Array"):
            problems.append(f"array <{local(el)}> has SOAP-ENC:arrayType but not xsi:type=\"SOAP-ENC:Array\""
                            " (api §2.5)")
        if len(el) == 0 and el.get(f"{{{XSI}}}type") is None and not is_nil(el) and not has_array_type:
            if not (is_fault and local(el) in FAULT_TEXT_CHILDREN):
                problems.append(f"leaf <{local(el)}> has neither xsi:type nor xsi:nil")
    for secret in secrets:
        if secret and secret.encode("utf-8") in response.body:
            problems.append(f"the response contains the request's password {secret!r}")
    counts = {}
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
    return [p if n == 1 else f"{p} (x{n})" for p, n in counts.items()]


def request_info(body):
    """(port namespace, method, [password texts]) of a request envelope."""
    root = parse_xml(body)
    child = body_child(root)
    passwords = [el.text for el in root.iter() if isinstance(el.tag, str)
                 and local(el) == "password" and el.text]
    return etree.QName(child).namespace, local(child), passwords


def call(srv, port, method, params=(), auth=ADMIN, typed=None, path="/ngnpro/", shape=True):
    """Send one request through srv (a support.server.Server); returns a checked Reply.
    shape=False checks only the HTTP rules, for set-up calls whose envelope rules another test
    already covers."""
    body = envelope(port, method, params, auth, typed)
    response = srv.post(path, body)
    problems = http_problems(response)
    if shape:
        problems += envelope_problems(response, [auth and auth.get("password")])
    if problems:
        raise AssertionError(f"{port}.{method}: " + "; ".join(problems))
    return read_reply(response)


def expect_ok(reply, what=""):
    assert reply.response.status == 200 and reply.fault is None, f"{what} expected a result, got {reply!r}"
    return reply.value


def expect_fault(reply, code, what=""):
    assert reply.response.status == 500 and reply.fault is not None, f"{what} expected fault {code}, got {reply!r}"
    assert reply.fault.errorcode == code, f"{what} expected fault {code}, got {reply.fault!r}"
    return reply.fault
