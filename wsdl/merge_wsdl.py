#!/usr/bin/python3
"""Build one NGNPro WSDL (service NGNPro, one <port> per port) from soapcpp2's output.

soapcpp2 cannot write a multi-port WSDL: it writes one WSDL per '//gsoap <prefix> service
name:', and for rpc/encoded it puts the SOAP-ENC array types of the shared schema into the
first port's schema while still referring to them as ngnpro:ArrayOfX. So the types come from
gen/ngnpro.xsd, which is right, and only messages, portTypes and bindings come from the
per-port WSDLs (research/gsoap/RECIPE.md §2 "One WSDL for all ports").

- Message names get the port as a prefix (Sip_getAccount, Voicemail_getAccount): several
  ports share operation names, and message names must be unique in one WSDL.
- Every operation gets the ngnpro:auth header (message AuthHeader) and the NGNProFault fault.
- soapcpp2 calls the unprefixed SOAP-ENC array classes ArrayOf<item>; --rename gives them the
  contract's names (api §5). No message names an array type: the server writes
  xsi:type="SOAP-ENC:Array" on arrays (ports/xml_guard.hpp mark_soap_arrays) and reads any
  arrayType, so the name is free. Any ArrayOf name left without a mapping is an error, so a new array type in
  ngnpro.h cannot silently reach the WSDL under the generated name.
- The SOAP-ENC import gets schemaLocation="soap-encoding.xsd" (served next to the WSDL):
  zeep downloads the namespace from the internet otherwise.

usage: merge_wsdl.py GEN_DIR OUT.wsdl --rename Old=New,... Port [Port ...]   (python3-lxml)
"""
import sys

from lxml import etree

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
XSD = "http://www.w3.org/2001/XMLSchema"
SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/"
TNS = "urn:AGProjects:NGNPro"
NSMAP = {
    None: WSDL, "tns": TNS, "ngnpro": TNS,
    "SOAP-ENV": "http://schemas.xmlsoap.org/soap/envelope/",
    "SOAP-ENC": SOAP_ENC,
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsd": XSD, "SOAP": SOAP, "WSDL": WSDL,
}


def w(tag):
    return "{%s}%s" % (WSDL, tag)


def load_schema(gen):
    # ngnpro.xsd uses WSDL:arrayType without declaring the WSDL prefix: declare it.
    text = open(f"{gen}/ngnpro.xsd", encoding="utf-8").read()
    text = text.replace("<schema ", f'<schema xmlns:WSDL="{WSDL}" ', 1)
    schema = etree.fromstring(text.split("?>", 1)[1].encode())
    for imp in schema.findall("{%s}import" % XSD):
        if imp.get("namespace", "").startswith(TNS + ":"):
            schema.remove(imp)                      # the port schemas are empty
        elif imp.get("namespace") == SOAP_ENC:
            imp.set("schemaLocation", "soap-encoding.xsd")
    return schema


def array_type_name(qname, rename):
    """ngnpro:ArrayOfX or <port>:ArrayOfX -> ngnpro:<contract name>; other QNames unchanged."""
    local = qname.split(":")[-1]
    if not local.startswith("ArrayOf"):
        return qname
    if local not in rename:
        sys.exit(f"merge_wsdl.py: no --rename entry for {local}")
    return "ngnpro:" + rename[local]


def main(gen, out, ports, rename):
    schema = load_schema(gen)
    for el in schema.iter():
        for attr, value in el.attrib.items():
            if attr == "name" and value.startswith("ArrayOf"):
                el.set(attr, array_type_name(value, rename).split(":")[1])
            elif attr in ("type", "base") and ":ArrayOf" in value:
                el.set(attr, array_type_name(value, rename))

    defs = etree.Element(w("definitions"), nsmap=NSMAP, name="NGNPro", targetNamespace=TNS)
    etree.SubElement(defs, w("types")).append(schema)
    etree.SubElement(etree.SubElement(defs, w("message"), name="AuthHeader"), w("part"),
                     name="auth", element="ngnpro:auth")
    etree.SubElement(etree.SubElement(defs, w("message"), name="NGNProFault"), w("part"),
                     name="exception", type="ngnpro:NGNProException")

    port_types, bindings, service_ports = [], [], []
    for port in ports:
        src = etree.parse(f"{gen}/{port}.wsdl").getroot()
        for m in src.findall(w("message")):
            if m.get("name") in (f"{port}Header", f"{port}Fault"):
                continue                            # replaced by AuthHeader / NGNProFault
            m.set("name", f"{port}_{m.get('name')}")
            for part in list(m):
                if isinstance(part, etree._Comment):
                    m.remove(part)
                elif part.get("type"):
                    # an array passed or returned directly is typed <port>:ArrayOfX here
                    part.set("type", array_type_name(part.get("type"), rename))
            defs.append(m)
        for pt in src.findall(w("portType")):
            for op in pt.findall(w("operation")):
                for doc in op.findall(w("documentation")):
                    op.remove(doc)
                for io in op:
                    io.set("message", f"tns:{port}_{io.get('message').split(':')[1]}")
                etree.SubElement(op, w("fault"), name="NGNProFault", message="tns:NGNProFault")
            port_types.append(pt)
        for b in src.findall(w("binding")):
            b.set("name", f"{port}Binding")
            b.set("type", f"tns:{b.get('type').split(':')[1]}")
            for h in b.iter("{%s}header" % SOAP):
                h.set("message", "tns:AuthHeader")
            for op in b.findall(w("operation")):
                f = etree.SubElement(op, w("fault"), name="NGNProFault")
                etree.SubElement(f, "{%s}fault" % SOAP, name="NGNProFault", use="encoded",
                                 encodingStyle=SOAP_ENC, namespace=TNS)
            bindings.append(b)
        addr = src.find(".//{%s}address" % SOAP).get("location")
        service_ports.append((f"{port}Port", f"tns:{port}Binding", addr))

    defs.extend(port_types)
    defs.extend(bindings)
    svc = etree.SubElement(defs, w("service"), name="NGNPro")
    for name, binding, addr in service_ports:
        p = etree.SubElement(svc, w("port"), name=name, binding=binding)
        etree.SubElement(p, "{%s}address" % SOAP, location=addr)

    etree.cleanup_namespaces(defs, top_nsmap=NSMAP, keep_ns_prefixes=[k for k in NSMAP if k])
    etree.indent(defs, space="  ")
    text = etree.tostring(defs, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if b"ArrayOf" in text:
        sys.exit("merge_wsdl.py: an ArrayOf name is left in the WSDL")
    with open(out, "wb") as f:
        f.write(text)


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) < 5 or args[2] != "--rename":
        sys.exit(__doc__.rsplit("usage: ", 1)[1])
    renames = dict(kv.split("=", 1) for kv in args[3].split(",") if kv)
    main(args[0], args[1], args[4:], renames)
