-- Generates ${count} cases into incident-service's database (run as the owner by MillionBench.java; ${count} and
-- ${seed} are replaced before it runs). Ten years of a prefecture-wide shared installation: 20 organisations of very
-- different sizes (demo-city the largest, demo-gikai among the smallest), their profiles and units, a mix of kinds,
-- severities, states and drills, two timeline entries, two chain hops, one to three response actions per case and a
-- legal duty on a few. Plain SQL (generate_series), minutes not hours.
--
-- NOT a valid case trail: timeline entries carry placeholder hashes and no trail heads are written, so
-- GET /api/incidents/{id}/timeline/verify reports the generated cases as broken. Only the list, search, counts,
-- statistics, dashboard, KPI and inbox queries read this data.
SET synchronous_commit = off;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
-- Built consistent by construction: foreign keys and row triggers are skipped while loading (owner only).
SET session_replication_role = replica;
SELECT setseed(${seed});

CREATE UNLOGGED TABLE million_org AS
SELECT v.ord, v.code, v.prefix, v.name_ja, v.name_en, v.weight,
       greatest(3, round(v.weight * 80))::int AS units,
       coalesce(sum(v.weight) OVER (ORDER BY v.ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           / sum(v.weight) OVER () AS cum_lo,
       sum(v.weight) OVER (ORDER BY v.ord) / sum(v.weight) OVER () AS cum_hi
  FROM (VALUES (1, 'demo-city', 'DEMO', 'デモ市', 'Demo City', 0.30),
               (2, 'demo-pref', 'PREF', 'デモ県', 'Demo Prefecture', 0.15),
               (3, 'kita-city', 'KITA', '北市', 'Kita City', 0.10),
               (4, 'minami-city', 'MINAMI', '南市', 'Minami City', 0.08),
               (5, 'higashi-city', 'HIGASHI', '東市', 'Higashi City', 0.07),
               (6, 'nishi-city', 'NISHI', '西市', 'Nishi City', 0.06),
               (7, 'kawa-city', 'KAWA', '川市', 'Kawa City', 0.05),
               (8, 'yama-town', 'YAMA', '山町', 'Yama Town', 0.04),
               (9, 'umi-town', 'UMI', '海町', 'Umi Town', 0.035),
               (10, 'mori-town', 'MORI', '森町', 'Mori Town', 0.03),
               (11, 'hara-town', 'HARA', '原町', 'Hara Town', 0.025),
               (12, 'ta-town', 'TA', '田町', 'Ta Town', 0.02),
               (13, 'ishi-village', 'ISHI', '石村', 'Ishi Village', 0.015),
               (14, 'ki-village', 'KI', '木村', 'Ki Village', 0.012),
               (15, 'hana-village', 'HANA', '花村', 'Hana Village', 0.01),
               (16, 'sora-village', 'SORA', '空村', 'Sora Village', 0.008),
               (17, 'pref-gikai', 'PGIKAI', 'デモ県議会', 'Demo Prefectural Assembly', 0.007),
               (18, 'kita-gikai', 'KGIKAI', '北市議会', 'Kita City Council', 0.006),
               (19, 'demo-kyoiku', 'KYOIKU', 'デモ市教育委員会', 'Demo City Board of Education', 0.005),
               (20, 'demo-gikai', 'GIKAI', 'デモ市議会', 'Demo City Council', 0.004)
       ) v(ord, code, prefix, name_ja, name_en, weight);

-- The units of each organisation: sections s01…sNN, four to a department; demo-city's first two are the demo's own.
CREATE UNLOGGED TABLE million_unit AS
SELECT o.code AS org, n,
       CASE WHEN o.code = 'demo-city' AND n = 1 THEN 'general-affairs-section'
            WHEN o.code = 'demo-city' AND n = 2 THEN 'welfare-section'
            ELSE o.code || '-s' || lpad(n::text, 2, '0') END AS unit,
       CASE WHEN o.code = 'demo-city' AND n = 1 THEN 'general-affairs'
            WHEN o.code = 'demo-city' AND n = 2 THEN 'welfare'
            ELSE o.code || '-d' || ((n - 1) / 4 + 1) END AS department,
       CASE WHEN o.code = 'demo-city' AND n = 1 THEN 'chief1'
            WHEN o.code = 'demo-city' AND n = 2 THEN 'chief2'
            ELSE o.code || '-chief' || n END AS chief
  FROM million_org o CROSS JOIN LATERAL generate_series(1, o.units) n;

CREATE UNLOGGED TABLE million_case AS
SELECT g.i, md5('million-' || g.i)::uuid AS id, o.code AS org, o.prefix, u.unit, u.department, u.chief,
       CASE WHEN o.code = 'demo-city' THEN 'staff' ELSE o.code || '-staff' END
           || (1 + floor(g.r_staff * greatest(20, o.units * 15)))::int AS reported_by,
       CASE WHEN g.r_kind < 0.35 THEN 'SECURITY_INCIDENT' WHEN g.r_kind < 0.70 THEN 'MISSENT_EMAIL'
            WHEN g.r_kind < 0.90 THEN 'SYSTEM_FAILURE' ELSE 'POLICY_VIOLATION' END AS kind,
       CASE WHEN g.r_sev < 0.60 THEN 'LOW' WHEN g.r_sev < 0.88 THEN 'MEDIUM' WHEN g.r_sev < 0.98 THEN 'HIGH'
            ELSE 'CRITICAL' END AS severity,
       g.r_sev > 0.5 AND g.r_sev < 0.53 AS overridden,
       g.r_drill < 0.03 AS drill,
       CASE WHEN g.reported_at < now() - interval '90 days' THEN
                CASE WHEN g.r_state < 0.94 THEN 'CLOSED' WHEN g.r_state < 0.995 THEN 'WITHDRAWN'
                     ELSE 'ACCEPTED_BY_CISO' END
            ELSE CASE WHEN g.r_state < 0.45 THEN 'REPORTED' WHEN g.r_state < 0.60 THEN 'UNDER_CISO_REVIEW'
                      WHEN g.r_state < 0.65 THEN 'RETURNED_BY_CISO' WHEN g.r_state < 0.77 THEN 'ACCEPTED_BY_CISO'
                      WHEN g.r_state < 0.97 THEN 'CLOSED' ELSE 'WITHDRAWN' END END AS state,
       g.reported_at,
       g.reported_at - make_interval(secs => g.r_disc * 86400) AS discovered_at,
       g.reported_at - make_interval(secs => g.r_disc * 86400 + g.r_occ * 172800) AS occurred_at,
       least(now(), g.reported_at + make_interval(secs => 3600 + g.r_close * 60 * 86400)) AS closed_at,
       g.r_title, g.r_desc, g.r_rare < 0.001 AS rare, g.r_type, g.r_hop1, g.r_hop2, g.r_act, g.r_duty
  FROM (SELECT i, random() AS r_org, random() AS r_unit, random() AS r_staff, random() AS r_kind, random() AS r_sev,
               random() AS r_drill, random() AS r_state, random() AS r_disc, random() AS r_occ, random() AS r_close,
               random() AS r_title, random() AS r_desc, random() AS r_rare, random() AS r_type, random() AS r_hop1,
               random() AS r_hop2, random() AS r_act, random() AS r_duty,
               now() - make_interval(secs => random() * 3652 * 86400) AS reported_at
          FROM generate_series(1, ${count}) i) g
  JOIN million_org o ON g.r_org >= o.cum_lo AND g.r_org < o.cum_hi
  JOIN million_unit u ON u.org = o.code AND u.n = 1 + floor(o.units * g.r_unit * g.r_unit)::int;

-- Profiles, case-number counters and directories of the organisations (as OrganisationOnboarded and
-- DirectoryPublished would have left them).
INSERT INTO organisation_profile (code, name_ja, name_en, case_number_prefix, classification_scheme, contact_ja,
                                  contact_en, public_contacts, onboarded_by, onboarded_at, event_id, received_at)
SELECT code, name_ja, name_en, prefix, 'KANUMA', name_ja || ' 情報政策課', 'Information Policy, ' || name_en,
       '000-000-' || lpad(ord::text, 4, '0'), 'seed', now() - interval '10 years', md5('org-' || code)::uuid, now()
  FROM million_org
ON CONFLICT (code) DO NOTHING;
INSERT INTO directory (organisation, published_at, event_id, received_at)
SELECT code, now(), md5('dir-' || code)::uuid, now() FROM million_org
ON CONFLICT (organisation) DO NOTHING;
INSERT INTO directory_unit (organisation, code, kind, parent, name_ja, name_en)
SELECT DISTINCT org, department, 'DEPARTMENT', NULL, department || ' 部', department FROM million_unit
ON CONFLICT DO NOTHING;
INSERT INTO directory_unit (organisation, code, kind, parent, name_ja, name_en)
SELECT org, unit, 'SECTION', department, unit || ' 課', unit FROM million_unit
ON CONFLICT DO NOTHING;

INSERT INTO incident (id, number, organisation, title, description, reporter_type, reported_by, unit, department,
                      occurred_at, discovered_at, reported_at, drill, state, kind, classification_scheme,
                      computed_severity, severity_override, severity_override_reason, severity_override_by,
                      severity_override_at, closed_at, committee_reported_at, search_text)
SELECT c.id,
       c.prefix || '-' || extract(year FROM c.reported_at AT TIME ZONE 'Asia/Tokyo')::int || '-'
           || lpad(row_number() OVER (PARTITION BY c.org, extract(year FROM c.reported_at AT TIME ZONE 'Asia/Tokyo')
                                      ORDER BY c.reported_at, c.i)::text, 6, '0'),
       c.org, t.title, t.description,
       CASE WHEN c.r_type < 0.85 THEN 'STAFF' WHEN c.r_type < 0.95 THEN 'VENDOR' ELSE 'CITIZEN' END,
       c.reported_by, c.unit, c.department, c.occurred_at, c.discovered_at, c.reported_at, c.drill, c.state, c.kind,
       'KANUMA',
       c.severity,
       CASE WHEN c.overridden THEN 'HIGH' END,
       CASE WHEN c.overridden THEN '影響範囲が広いため（CSIRT判断）' END,
       CASE WHEN c.overridden THEN 'csirt1' END,
       CASE WHEN c.overridden THEN c.reported_at + interval '1 day' END,
       CASE WHEN c.state = 'CLOSED' THEN c.closed_at END,
       CASE WHEN c.state = 'CLOSED' AND c.severity IN ('HIGH', 'CRITICAL') THEN c.closed_at END,
       lower(normalize(t.title || E'\n' || t.description, NFKC))
  FROM million_case c
  CROSS JOIN LATERAL (
      SELECT (CASE c.kind
                WHEN 'SECURITY_INCIDENT' THEN ARRAY['標的型攻撃メールの添付ファイルを開封した',
                     'ランサムウェア感染の疑いがある端末', 'ウェブサイトの改ざんを検知',
                     '不正アクセスの痕跡（ＶＰＮ機器）', 'ＵＳＢメモリからのマルウェア検知']
                WHEN 'MISSENT_EMAIL' THEN ARRAY['個人情報を含むメールの誤送信', 'ＦＡＸの誤送信（住民票の写し）',
                     'メールの宛先をBCCでなくTOに入力', '郵便物の誤送付（税務通知）', 'ﾒｰﾙ誤送信（福祉課）']
                WHEN 'SYSTEM_FAILURE' THEN ARRAY['基幹系システムの障害', '庁内ネットワークの通信断',
                     '住民情報システムの応答遅延', 'ファイルサーバーのディスク障害', '電子申請システムの停止']
                ELSE ARRAY['USBメモリの紛失', 'パスワードの使い回し（規程違反）', '私物端末の業務利用',
                     '持ち出し許可のないノートPC', '業務書類の庁外持ち出し'] END)[1 + floor(c.r_title * 5)::int]
                 AS title,
             (ARRAY['窓口業務中に職員が気付き、所属長に報告した。', '委託業者からの連絡で判明した。',
                    '市民からの問い合わせで判明した。', '監視システムの警告で検知した。',
                    '定期点検の際に発見した。', '翌朝の始業時に確認された。',
                    '休日当番の職員が確認した。', '他自治体からの情報提供で判明した。'])[1 + floor(c.r_desc * 8)::int]
                 || CASE WHEN c.rare THEN 'サポート詐欺の画面が表示されていた。' ELSE '' END
                 || '（' || c.unit || '）' AS description
  ) t;

-- Two entries of the case's timeline each (placeholder hashes: see the header).
INSERT INTO timeline_entry (incident_id, seq, type, at, actor, details, recorded_at, prev_hash, hash)
SELECT c.id, s,
       CASE WHEN s = 1 THEN 'INCIDENT_REPORTED' WHEN c.state = 'CLOSED' THEN 'CASE_CLOSED' ELSE 'HOP_OPENED' END,
       CASE WHEN s = 1 THEN c.reported_at WHEN c.state = 'CLOSED' THEN c.closed_at ELSE c.reported_at END,
       CASE WHEN s = 1 THEN c.reported_by ELSE 'system' END, '{}'::jsonb,
       CASE WHEN s = 1 THEN c.reported_at WHEN c.state = 'CLOSED' THEN c.closed_at ELSE c.reported_at END,
       'generated', 'generated'
  FROM million_case c CROSS JOIN generate_series(1, 2) s;

-- The chain: the section chief, then the security lead. Acknowledged, except on cases still open: there a hop of the
-- last two days may be open and an older one may have timed out unacknowledged.
INSERT INTO chain_hop (hop_id, incident_id, step, recipient_username, recipient_name, trigger, opened_at,
                       ack_deadline, state, acknowledged_at, acknowledged_by, timed_out_at, chain_stopped)
SELECT md5('hop-' || c.i || '-' || s)::uuid, c.id, h.step, h.recipient, h.recipient, 'REPORT', h.opened_at,
       h.opened_at + h.window, h.state,
       CASE WHEN h.state = 'ACKNOWLEDGED' THEN h.opened_at + h.window * (h.r * 1.5) END,
       CASE WHEN h.state = 'ACKNOWLEDGED' THEN h.recipient END,
       CASE WHEN h.state = 'TIMED_OUT' THEN h.opened_at + h.window END,
       c.state IN ('CLOSED', 'WITHDRAWN')
  FROM million_case c
  CROSS JOIN generate_series(1, 2) s
  CROSS JOIN LATERAL (
      SELECT CASE s WHEN 1 THEN 'section-chief' ELSE 'security-lead' END AS step,
             CASE s WHEN 1 THEN c.chief
                    ELSE CASE WHEN c.org = 'demo-city' THEN 'seclead' ELSE c.org || '-seclead' END END AS recipient,
             c.reported_at + CASE s WHEN 1 THEN interval '0' ELSE interval '10 minutes' END AS opened_at,
             CASE s WHEN 1 THEN interval '30 minutes' ELSE interval '60 minutes' END AS window,
             CASE s WHEN 1 THEN c.r_hop1 ELSE c.r_hop2 END AS r,
             CASE WHEN c.state IN ('CLOSED', 'WITHDRAWN') THEN 'ACKNOWLEDGED'
                  WHEN c.reported_at > now() - interval '2 days'
                       AND (CASE s WHEN 1 THEN c.r_hop1 ELSE c.r_hop2 END) < 0.5 THEN 'OPEN'
                  WHEN (CASE s WHEN 1 THEN c.r_hop1 ELSE c.r_hop2 END) < 0.08 THEN 'TIMED_OUT'
                  ELSE 'ACKNOWLEDGED' END AS state
  ) h;

-- Response actions: containment always, recovery on 60 %, recurrence prevention on 30 %; done on closed cases.
INSERT INTO response_action (id, incident_id, kind, description, owner_unit, status, created_by, created_at,
                             updated_by, updated_at, started_at, completed_at, cancelled_at)
SELECT md5('act-' || c.i || '-' || k)::uuid, c.id, a.kind, a.description, c.unit, a.status, 'csirt1',
       c.reported_at + interval '1 hour', 'csirt1', c.reported_at + interval '1 hour',
       CASE WHEN a.status <> 'PLANNED' THEN c.reported_at + interval '1 hour' END,
       CASE WHEN a.status = 'DONE' THEN c.reported_at + make_interval(secs => 3600 + c.r_act * k * 86400) END,
       CASE WHEN a.status = 'CANCELLED' THEN c.reported_at + interval '2 hours' END
  FROM million_case c
  CROSS JOIN generate_series(1, 3) k
  CROSS JOIN LATERAL (
      SELECT (ARRAY['CONTAINMENT', 'RECOVERY', 'RECURRENCE_PREVENTION'])[k] AS kind,
             (ARRAY['該当端末をネットワークから切り離した', 'バックアップから復旧した',
                    '研修を実施し手順書を改訂する'])[k] AS description,
             CASE WHEN c.state = 'CLOSED' THEN 'DONE' WHEN c.state = 'WITHDRAWN' THEN 'CANCELLED'
                  WHEN c.reported_at < now() - interval '90 days' THEN 'DONE'
                  WHEN k = 1 AND c.r_act < 0.6 THEN 'DONE' WHEN k = 1 THEN 'IN_PROGRESS'
                  ELSE 'PLANNED' END AS status
  ) a
 WHERE k = 1 OR (k = 2 AND c.r_act < 0.6) OR (k = 3 AND c.r_act < 0.3);

-- A personal-information duty (PPC_APPI) on 6 % of the security incidents and missent mail; submitted on closed cases.
INSERT INTO legal_duty (incident_id, code, rule_set_version, source, reasons, identified_at, prompt_due_at,
                        final_due_at, prompt_submitted_at, prompt_reference, final_submitted_at, final_reference,
                        withdrawn_at, persons_notice_due_at)
SELECT c.id, 'PPC_APPI', 'bench', 'RULE', '[]'::jsonb, c.reported_at,
       c.discovered_at + interval '5 days', c.discovered_at + interval '30 days',
       CASE WHEN c.state = 'CLOSED' THEN c.reported_at + interval '2 days' END,
       CASE WHEN c.state = 'CLOSED' THEN 'PPC-' || c.i END,
       CASE WHEN c.state = 'CLOSED' THEN c.closed_at END,
       CASE WHEN c.state = 'CLOSED' THEN 'PPC-F-' || c.i END,
       CASE WHEN c.state = 'WITHDRAWN' THEN c.reported_at + interval '1 day' END,
       c.discovered_at + interval '30 days'
  FROM million_case c
 WHERE c.kind IN ('SECURITY_INCIDENT', 'MISSENT_EMAIL') AND c.r_duty < 0.06;

SET session_replication_role = origin;
DROP TABLE million_case;
DROP TABLE million_unit;
DROP TABLE million_org;
