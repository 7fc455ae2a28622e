//! Inside queries: after a bracket, an operator's operand or a join word, only what can follow.

use crate::engine::complete::tests::{at, has};

#[test]
fn a_bracket_before_the_cursor_is_one_value() {
    let after_call = at("select count(*) ");
    assert!(has(&after_call, &["AS", "FROM", "AND"]) && !after_call.contains(&"SELECT".to_string()), "{after_call:?}");
    assert_eq!(
        at("select * from talks t join speakers s using (id) "),
        ["JOIN", "LEFT JOIN", "INNER JOIN", "CROSS JOIN", "WHERE", "GROUP BY", "ORDER BY", "LIMIT"]
    );
    assert!(at("select * from (select 1) sub ").contains(&"WHERE".to_string()));
    assert_eq!(at("insert into talks values (1) "), ["ON CONFLICT", "RETURNING"]);
    assert_eq!(at("values (1) "), ["UNION", "UNION ALL", "EXCEPT", "INTERSECT", "ORDER BY", "LIMIT"]);
    assert_eq!(at("insert into main.talks (id) "), ["VALUES", "SELECT", "DEFAULT VALUES", "AS"]);
}

#[test]
fn after_an_operators_operand_the_clause_decides() {
    for src in ["select * from talks where title like 'x' ", "select * from talks where id in (1, 2) "] {
        let got = at(src);
        assert!(has(&got, &["ORDER BY", "GROUP BY", "AND"]) && !got.contains(&"JOIN".to_string()), "{src}: {got:?}");
    }
    let having = at("select kind from talks group by kind having count(*) > 1 ");
    assert!(has(&having, &["ORDER BY", "LIMIT"]) && !having.contains(&"GROUP BY".to_string()), "{having:?}");
    assert!(has(&at("select id, title "), &["AS", "FROM"]), "after a comma-listed value too");
    assert!(has(&at("select case when 1 then 2 "), &["WHEN", "ELSE", "END"]));
    assert!(has(&at("update talks set title = 'x' "), &["WHERE", "RETURNING"]));
    let on = at("select * from talks t join speakers s on s.id = t.id ");
    assert!(has(&on, &["WHERE", "JOIN"]) && !on.contains(&"t".to_string()), "no aliases after a value: {on:?}");
}

#[test]
fn join_words_set_operators_and_upsert() {
    assert_eq!(at("select * from talks t left "), ["JOIN", "OUTER JOIN"]);
    assert_eq!(at("select * from talks t left outer "), ["JOIN"]);
    assert!(at("select * from talks t natural ").starts_with(&["JOIN".to_string()]));
    assert_eq!(at("select 1 union "), ["SELECT", "ALL", "VALUES"]);
    assert_eq!(at("select 1 union all "), ["SELECT", "VALUES"]);
    assert_eq!(at("select * from talks order by id desc "), ["NULLS FIRST", "NULLS LAST", "LIMIT"]);
    assert_eq!(at("select * from talks order by id nulls "), ["FIRST", "LAST"]);
    assert_eq!(at("insert into talks (id) values (1) on conflict "), ["DO"]);
    assert_eq!(at("insert into talks (id) values (1) on conflict (id) "), ["DO", "WHERE"]);
    assert_eq!(at("insert into talks (id) values (1) on conflict do "), ["NOTHING", "UPDATE SET"]);
    assert_eq!(at("insert into talks (id) values (1) on conflict do update "), ["SET"]);
    assert_eq!(at("insert into talks (id) values (1) on conflict do update set ti"), ["title"]);
    assert!(has(&at("select * from talks as t "), &["WHERE", "JOIN"]), "an alias after AS");
    assert_eq!(at("insert into talks default "), ["VALUES"]);
    assert_eq!(at("select * from talks indexed "), ["BY"]);
    assert_eq!(at("select * from talks indexed by "), ["talks_event"]);
    assert_eq!(at("insert into talks default values "), ["RETURNING"]);
}

#[test]
fn unknown_positions_offer_nothing_rather_than_every_keyword() {
    assert!(at("foo ").is_empty());
    assert!(at("select max(id) over ").is_empty());
}

#[test]
fn order_by_and_group_by_values_are_followed_by_their_own_clauses() {
    let order = at("select title from talks order by title ");
    assert!(has(&order, &["ASC", "DESC", "LIMIT", "COLLATE"]), "{order:?}");
    assert!(!order.contains(&"HAVING".to_string()) && !order.contains(&"ORDER BY".to_string()), "{order:?}");
    let group = at("select kind from talks group by kind ");
    assert!(has(&group, &["HAVING", "ORDER BY", "LIMIT"]), "{group:?}");
    assert!(!group.contains(&"ASC".to_string()), "{group:?}");
    let window = at("select row_number() over (partition by kind ");
    assert!(window.contains(&"ORDER BY".to_string()) && !window.contains(&"HAVING".to_string()), "{window:?}");
}

#[test]
fn returning_follows_a_condition_only_in_statements_that_write() {
    let select = at("select * from talks where id > 3 ");
    assert!(has(&select, &["ORDER BY", "AND"]) && !select.contains(&"RETURNING".to_string()), "{select:?}");
    assert!(at("delete from talks where id > 3 ").contains(&"RETURNING".to_string()));
    assert!(at("update talks set title = 'x' where id = 3 ").contains(&"RETURNING".to_string()));
}
