window.labyrintSearch.load("t-v",{"velkom":"AwR men","vis":"F6F er","voksn":"CqfAlO e","vor":"EzT es","værdi":"AraD0U er erne"});
