#!/usr/bin/python3
"""feedcheck.py: parse what the server wrote with the libraries other
software uses, and print what they understood as JSON (for ical.test.mjs
and feeds.test.mjs).  Not a test itself.

  feedcheck.py ical  < file.ics    python3-icalendar
  feedcheck.py atom  < file.atom   python3-feedparser
  feedcheck.py xml   < file.xml    xml.etree (well-formedness, sitemaps)

Exits 1 with the parser's complaint on stderr if the input does not parse.
"""
import json
import sys


def ical(data):
    import icalendar
    cal = icalendar.Calendar.from_ical(data)
    out = {'props': {k: str(v) for k, v in cal.items()}, 'timezones': [], 'events': []}
    for tz in cal.walk('VTIMEZONE'):
        out['timezones'].append(str(tz['TZID']))
    for ev in cal.walk('VEVENT'):
        e = {}
        for k, v in ev.items():
            if k in ('DTSTART', 'DTEND', 'DTSTAMP', 'LAST-MODIFIED'):
                dt = v.dt
                e[k] = dt.isoformat()
                tz = getattr(dt, 'tzinfo', None)
                e[k + '_TZ'] = str(tz) if tz is not None else None
                if 'TZID' in v.params:
                    e[k + '_TZID'] = str(v.params['TZID'])
            elif k == 'SEQUENCE':
                e[k] = int(v)
            else:
                e[k] = str(v)
        out['events'].append(e)
    return out


def atom(data):
    import feedparser
    f = feedparser.parse(data)
    if f.bozo:
        raise ValueError('feedparser: %r' % (f.bozo_exception,))
    feed = f.feed
    return {
        'version': f.version,
        'id': feed.get('id'),
        'title': feed.get('title'),
        'updated': feed.get('updated'),
        'links': [dict(l) for l in feed.get('links', [])],
        'author': feed.get('author'),
        'entries': [{
            'id': e.get('id'),
            'title': e.get('title'),
            'updated': e.get('updated'),
            'published': e.get('published'),
            'link': e.get('link'),
            'summary': e.get('summary'),
            'tags': [t.get('term') for t in e.get('tags', [])],
        } for e in f.entries],
    }


def xml(data):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(data)
    ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
    rows = []
    for el in root:
        rows.append({
            'tag': el.tag.replace(ns, ''),
            'loc': el.findtext(ns + 'loc'),
            'lastmod': el.findtext(ns + 'lastmod'),
        })
    return {'root': root.tag.replace(ns, ''), 'children': rows}


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else ''
    data = sys.stdin.buffer.read()
    try:
        out = {'ical': ical, 'atom': atom, 'xml': xml}[kind](data)
    except KeyError:
        sys.stderr.write('usage: feedcheck.py ical|atom|xml < file\n')
        return 2
    except Exception as e:  # the parser's complaint is the test's message
        sys.stderr.write('%s: %s\n' % (type(e).__name__, e))
        return 1
    json.dump(out, sys.stdout)
    return 0


if __name__ == '__main__':
    sys.exit(main())
